import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/core/errors.js";
import { sdkClientConfig } from "../../../src/providers/aws/client-config.js";
import { maskSecrets, toProviderError } from "../../../src/providers/aws/errors.js";
import { ownerFromTags, ownerToTags, tagChanges, withoutOwnershipTags } from "../../../src/providers/aws/tags.js";

/** An error shaped the way the SDK builds one from a service answer. */
function serviceError(name: string, message: string, status: number, fault: "client" | "server" = "client") {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status } });
}

const never = () => undefined;

describe("toProviderError", () => {
  it.each([
    ["ThrottlingException", "slow down", 400, "Throttled"],
    ["RequestLimitExceeded", "slow down", 400, "Throttled"],
    ["TooManyRequestsException", "slow down", 429, "Throttled"],
    ["ClientException", "Rate exceeded", 400, "Throttled"],
    ["InternalFailure", "oops", 500, "Unavailable"],
    ["AccessDeniedException", "no", 403, "AccessDenied"],
    ["SomethingOdd", "no idea", 400, "Invalid"],
  ] as const)("maps %s (%s, %i) to %s", (name, message, status, code) => {
    const mapped = toProviderError(serviceError(name, message, status, status >= 500 ? "server" : "client"), never);
    expect(mapped.code).toBe(code);
    expect(mapped.awsName).toBe(name);
    expect(mapped.message).toBe(message);
  });

  it("asks the service classifier only after the common cases", () => {
    const seen: string[] = [];
    const classify = (name: string) => {
      seen.push(name);
      return name === "EntityDoesNotExistException" ? ("NotFound" as const) : undefined;
    };
    expect(toProviderError(serviceError("EntityDoesNotExistException", "gone", 400), classify).code).toBe("NotFound");
    expect(toProviderError(serviceError("ThrottlingException", "x", 400), classify).code).toBe("Throttled");
    expect(seen).toEqual(["EntityDoesNotExistException"]);
  });

  it.each([
    [Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" })],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
    [Object.assign(new Error("request timed out"), { name: "TimeoutError" })],
    [Object.assign(new Error("aborted"), { name: "AbortError" })],
  ])("treats network failure %s as Unavailable without repeating its text", (error) => {
    const mapped = toProviderError(error, never);
    expect(mapped.code).toBe("Unavailable");
    expect(mapped.isRetryable).toBe(true);
  });

  it("never passes on the text of an error raised before the service answered", () => {
    const mapped = toProviderError(new TypeError("cannot serialise Password=hunter2hunter2"), never);
    expect(mapped.code).toBe("Invalid");
    expect(mapped.message).not.toContain("hunter2");
  });

  it("masks secrets and echoed values in service messages", () => {
    const error = serviceError("InvalidParameterException", "Value 'Sup3r$ecret' at 'password' failed; Sup3r$ecret again", 400);
    const mapped = toProviderError(error, never, ["Sup3r$ecret"]);
    expect(mapped.message).not.toContain("Sup3r$ecret");
    expect(mapped.message).toContain("at 'password' failed");
  });

  it("keeps a Retry-After hint and returns ProviderErrors unchanged", () => {
    const throttled = Object.assign(serviceError("ThrottlingException", "x", 429), { $response: { headers: { "retry-after": "3" } } });
    expect(toProviderError(throttled, never).retryAfterMs).toBe(3000);
    const original = new ProviderError("Conflict", "busy", "X");
    expect(toProviderError(original, never)).toBe(original);
  });

  it("maskSecrets leaves messages without secrets alone", () => {
    expect(maskSecrets("Directory d-1234567890 does not exist.", ["pw"])).toBe("Directory d-1234567890 does not exist.");
  });
});

describe("sdkClientConfig", () => {
  it("sets only what is configured and never retries inside the SDK", () => {
    const bare = sdkClientConfig({ region: "eu-west-1" });
    expect(bare.region).toBe("eu-west-1");
    expect(bare.maxAttempts).toBe(1);
    expect("endpoint" in bare).toBe(false);
    expect("credentials" in bare).toBe(false);
    const full = sdkClientConfig({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:4566",
      credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
      requestTimeoutMs: 1234,
    });
    expect(full.endpoint).toBe("http://127.0.0.1:4566");
    expect(full.credentials).toEqual({ accessKeyId: "AKID", secretAccessKey: "s" });
  });
});

describe("ownership tags", () => {
  const tags = { "adstack:stack": "prod", "adstack:name": "corp", team: "identity" };

  it("reads the owner and strips ownership tags", () => {
    expect(ownerFromTags(tags)).toEqual({ stack: "prod", name: "corp" });
    expect(ownerFromTags({ team: "x" })).toBeUndefined();
    expect(ownerFromTags({ "adstack:stack": "prod" })).toEqual({ stack: "prod" });
    expect(withoutOwnershipTags(tags)).toEqual({ team: "identity" });
    expect(ownerToTags(ownerFromTags(tags))).toEqual({ "adstack:stack": "prod", "adstack:name": "corp" });
  });

  it("diffs tags and never removes ownership keys", () => {
    const changes = tagChanges(tags, { team: "directory", cost: "42" });
    expect(changes.toSet).toEqual({ cost: "42", team: "directory" });
    expect(changes.toRemove).toEqual([]);
    expect(tagChanges({ a: "1", b: "2" }, { a: "1" })).toEqual({ toSet: {}, toRemove: ["b"] });
    expect(tagChanges({}, { "adstack:stack": "s" })).toEqual({ toSet: { "adstack:stack": "s" }, toRemove: [] });
  });
});
