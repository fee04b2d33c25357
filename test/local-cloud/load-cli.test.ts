import { GetDirectoryLimitsCommand } from "@aws-sdk/client-directory-service";
import { describe, expect, it, vi } from "vitest";
import { describeProfile, summarise } from "../../src/cli/commands/local-cloud.js";
import { localCloudOptionsFromEnv, localCloudOptionsFromFlags } from "../../src/cli/local-cloud-env.js";
import { ExitError } from "../../src/core/errors.js";
import { startDs } from "./ds-harness.js";

function errorOf(run: () => unknown): ExitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    return error as ExitError;
  }
  throw new Error("expected the settings to be refused");
}

describe("local cloud settings from the environment", () => {
  it("reads every ADSTACK_LOCAL_* setting", () => {
    const options = localCloudOptionsFromEnv({
      ADSTACK_LOCAL_LATENCY_MS: "25",
      ADSTACK_LOCAL_RATE_LIMIT: "2.5",
      ADSTACK_LOCAL_BURST: "4",
      ADSTACK_LOCAL_CREATE_DELAY_MS: "100",
      ADSTACK_LOCAL_DELETE_DELAY_MS: "0",
      ADSTACK_LOCAL_DIRECTORY_LIMIT: "500",
      ADSTACK_LOCAL_FAULT_RATE: "0.2",
      ADSTACK_LOCAL_FAULT_SEED: "42",
      ADSTACK_LOCAL_FAULT_KINDS: "throttle, lost,throttle",
    });
    expect(options).toEqual({
      settings: {
        createDelayMs: 100,
        deleteDelayMs: 0,
        limits: { connectedDirectories: 500, cloudOnlyMicrosoftAD: 500, workspacesDirectories: 500 },
      },
      load: { latencyMs: 25, rateLimit: 2.5, burst: 4 },
      faults: { rate: 0.2, seed: 42, kinds: ["throttle", "lost"] },
    });
  });

  it("sets nothing when nothing is set, and treats empty variables as unset", () => {
    expect(localCloudOptionsFromEnv({})).toEqual({ settings: {} });
    expect(localCloudOptionsFromEnv({ ADSTACK_LOCAL_FAULT_RATE: "", ADSTACK_LOCAL_LATENCY_MS: " " })).toEqual({ settings: {} });
  });

  it.each([
    [{ ADSTACK_LOCAL_FAULT_RATE: "1.5" }, 'ADSTACK_LOCAL_FAULT_RATE must be a number from 0 to 1, the fraction of calls that fail (e.g. 0.1), got "1.5"'],
    [{ ADSTACK_LOCAL_FAULT_RATE: "-0.1" }, "ADSTACK_LOCAL_FAULT_RATE must be a number from 0 to 1"],
    [{ ADSTACK_LOCAL_FAULT_RATE: "0.1", ADSTACK_LOCAL_FAULT_KINDS: "throttle,timeout" }, 'ADSTACK_LOCAL_FAULT_KINDS: unknown fault kind "timeout"; use a comma-separated list of throttle, 5xx, reset, slow, lost'],
    [{ ADSTACK_LOCAL_FAULT_RATE: "0.1", ADSTACK_LOCAL_FAULT_KINDS: " , " }, "ADSTACK_LOCAL_FAULT_KINDS names no fault kind"],
    [{ ADSTACK_LOCAL_FAULT_RATE: "0.1", ADSTACK_LOCAL_FAULT_SEED: "1.5" }, "ADSTACK_LOCAL_FAULT_SEED must be a whole number"],
    [{ ADSTACK_LOCAL_FAULT_SEED: "7" }, "ADSTACK_LOCAL_FAULT_SEED has no effect without ADSTACK_LOCAL_FAULT_RATE; set ADSTACK_LOCAL_FAULT_RATE too"],
    [{ ADSTACK_LOCAL_BURST: "5" }, "ADSTACK_LOCAL_BURST has no effect without ADSTACK_LOCAL_RATE_LIMIT; set ADSTACK_LOCAL_RATE_LIMIT too"],
    [{ ADSTACK_LOCAL_RATE_LIMIT: "0" }, "ADSTACK_LOCAL_RATE_LIMIT must be a positive number of calls per second"],
    [{ ADSTACK_LOCAL_LATENCY_MS: "fast" }, 'ADSTACK_LOCAL_LATENCY_MS must be a number of milliseconds, 0 or more (e.g. 50), got "fast"'],
    [{ ADSTACK_LOCAL_DIRECTORY_LIMIT: "0" }, "ADSTACK_LOCAL_DIRECTORY_LIMIT must be a whole number of directories, at least 1"],
    [{ ADSTACK_LOCAL_CREATE_DELAY_MS: "-5" }, "ADSTACK_LOCAL_CREATE_DELAY_MS must be a number of milliseconds"],
  ])("refuses %j, naming the variable and what to set", (env, message) => {
    expect(errorOf(() => localCloudOptionsFromEnv(env)).message).toContain(message);
  });
});

describe("local cloud settings from flags", () => {
  it("lets flags win over variables, setting by setting", () => {
    const options = localCloudOptionsFromFlags(
      { faultRate: "0.5", createDelayMs: 10, latencyMs: "5" },
      { ADSTACK_LOCAL_FAULT_RATE: "0.1", ADSTACK_LOCAL_FAULT_SEED: "9", ADSTACK_LOCAL_CREATE_DELAY_MS: "2000" },
    );
    expect(options).toEqual({
      settings: { createDelayMs: 10 },
      load: { latencyMs: 5, rateLimit: undefined, burst: undefined },
      faults: { rate: 0.5, seed: 9, kinds: undefined },
    });
  });

  it("names the flag, not the variable, when a flag is wrong", () => {
    expect(errorOf(() => localCloudOptionsFromFlags({ faultRate: "2" }, {})).message).toMatch(/^--fault-rate must be a number from 0 to 1/);
    expect(errorOf(() => localCloudOptionsFromFlags({ faultRate: "0.1", faultKinds: "5xx,boom" }, {})).message).toMatch(
      /^--fault-kinds: unknown fault kind "boom"/,
    );
    expect(errorOf(() => localCloudOptionsFromFlags({ burst: "3" }, {})).message).toBe(
      "--burst has no effect without --rate-limit; set --rate-limit too (e.g. 5)",
    );
  });
});

describe("the local-cloud command's lines", () => {
  it("describes the profile in force and summarises what happened", () => {
    const options = localCloudOptionsFromFlags({ latencyMs: "20", rateLimit: "3", faultRate: "0.25", faultKinds: "reset,lost" }, {});
    expect(describeProfile(options)).toEqual([
      "Latency: 20 ms added to every call",
      "Rate limit: 3 calls/s per service, bursts of 3; excess calls are throttled",
      "Faults: 25% of calls (reset, lost), seed 1",
    ]);
    expect(describeProfile({})).toEqual([]);
    const summary = summarise({
      calls: { "ds:DescribeDirectories": 3, "ds:ConnectDirectory": 1 },
      throttled: 2,
      faults: { throttle: 0, "5xx": 1, reset: 0, slow: 0, lost: 1 },
      requests: 7,
    });
    expect(summary).toBe("Served 4 calls of 7 requests; throttled 2; faults injected: 5xx 1, lost 1");
  });
});

describe("directory limit", () => {
  it("raises the limits the local DS reports", async () => {
    const { settings } = localCloudOptionsFromEnv({ ADSTACK_LOCAL_DIRECTORY_LIMIT: "250" });
    const h = await startDs({ settings });
    try {
      const { DirectoryLimits } = await h.client.send(new GetDirectoryLimitsCommand({}));
      expect(DirectoryLimits).toMatchObject({ ConnectedDirectoriesLimit: 250, CloudOnlyMicrosoftADLimit: 250 });
    } finally {
      await h.close();
    }
  });
});

describe("adstack local-cloud with a bad flag", () => {
  it("exits 1 with a message naming the flag, before starting anything", async () => {
    const { main } = await import("../../src/cli/main.js");
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      expect(await main(["node", "adstack", "local-cloud", "--port", "0", "--fault-rate", "0.1", "--fault-kinds", "throttle,flood"])).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(written.join("")).toBe(
      'Error: --fault-kinds: unknown fault kind "flood"; use a comma-separated list of throttle, 5xx, reset, slow, lost\n',
    );
  });
});
