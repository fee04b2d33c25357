/**
 * Secrets never leak. A stack with a secret in every write-only field (from env: and from file:)
 * goes through every command and output format: validate, graph, iam-policy, plan (text, JSON,
 * Markdown, --out), apply with failures (text and the --json event stream, --debug), drift, and
 * destroy. Its connectors fail on purpose: one cannot reach its DNS servers, one has a password
 * the service rejects, and one meets a service that echoes the password back in its validation
 * error. None of the secret values may appear in any stdout, stderr, saved plan or the cloud's
 * state, while every plan still shows that each write-only field is set.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCloud, type LocalCloud } from "../../src/local-cloud/server.js";
import { localServices } from "../../src/local-cloud/services/index.js";
import type { LocalService } from "../../src/local-cloud/types.js";
import { runCli, scratchDir, type CliResult } from "../support/cli.js";
import { record } from "./support/depth.js";
import { compressedTimeEnv } from "./support/time.js";

/** Every secret the stack uses, by where it comes from. Distinct, so a leak names its source. */
const secrets = {
  CORP_PASSWORD: "Corp-Secret-s3cr3t-1111!",
  DNS_FAIL_PASSWORD: "Dns-Secret-s3cr3t-2222!",
  // The local cloud fails a connector whose service-account password is exactly this: a password the service rejects.
  REJECTED_PASSWORD: "fail-on-purpose",
  ECHOED_PASSWORD: "Echo-Secret-s3cr3t-3333!",
  SSO_PASSWORD: "Sso-Secret-s3cr3t-4444!",
  ADMIN_PASSWORD: "Admin-Secret-s3cr3t-5555!",
  TRUST_PASSWORD: "Trust-Secret-s3cr3t-6666!",
};
const FILE_SECRET = "File-Secret-s3cr3t-7777!";
const everySecret = [...Object.values(secrets), FILE_SECRET];

const ECHO_DOMAIN = "echo.example.com";

/**
 * Directory Service, except that a ConnectDirectory for the echo domain is refused with a
 * validation error quoting the password: what any service that repeats its input would do.
 */
function echoingDirectoryService(ds: LocalService): LocalService {
  return {
    ...ds,
    handle(req, ctx) {
      if (ds.operationOf(req) === "ConnectDirectory") {
        const input = JSON.parse(req.body) as { Name?: string; Password?: string };
        if (input.Name === ECHO_DOMAIN) {
          const message = `Value '${input.Password}' at 'password' failed to satisfy constraint: the password ${input.Password} was used before`;
          return {
            status: 400,
            headers: { "content-type": "application/x-amz-json-1.1" },
            body: JSON.stringify({ __type: "InvalidParameterException", Message: message }),
          };
        }
      }
      return ds.handle(req, ctx);
    },
  };
}

function connector(name: string, domain: string, passwordEnv: string, dnsIp: string, extra: string[] = []): string[] {
  return [
    `  ${name}:`,
    "    type: ds/ad-connector",
    "    properties:",
    `      name: ${domain}`,
    "      size: Small",
    `      password: { env: ${passwordEnv} }`,
    ...extra,
    "      connectSettings:",
    "        vpcId: vpc-0a1b2c3d",
    "        subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d]",
    `        customerDnsIps: [${dnsIp}]`,
    "        customerUserName: svc-adconnector",
  ];
}

const stackYaml = [
  "stack: secrets",
  "region: us-east-1",
  "resources:",
  ...connector("corp", "corp.example.com", "CORP_PASSWORD", "10.0.0.10", [
    "      alias: secrets-corp",
    "      sso: { enabled: true, userName: sso-admin, password: { env: SSO_PASSWORD } }",
  ]),
  // 192.0.2.1 is never reachable: the connector fails its DNS check.
  ...connector("unreachable", "dns.example.com", "DNS_FAIL_PASSWORD", "192.0.2.1"),
  ...connector("rejected", "rejected.example.com", "REJECTED_PASSWORD", "10.0.0.11"),
  ...connector("echoed", ECHO_DOMAIN, "ECHOED_PASSWORD", "10.0.0.12"),
  "  aws-ad:",
  "    type: ds/microsoft-ad",
  "    properties:",
  "      name: aws.corp.example.com",
  "      edition: Standard",
  "      password: { env: ADMIN_PASSWORD }",
  "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }",
  "  from-file:",
  "    type: ds/microsoft-ad",
  "    properties:",
  "      name: file.corp.example.com",
  "      edition: Standard",
  "      password: { file: admin-password.txt }",
  "      vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] }",
  "  forest-trust:",
  "    type: ds/trust",
  "    properties:",
  "      directoryId: ${aws-ad.directoryId}",
  "      remoteDomainName: corp.example.com",
  "      trustDirection: Two-Way",
  "      trustPassword: { env: TRUST_PASSWORD }",
  "",
].join("\n");

let cloud: LocalCloud;
let dir: string;
const seen: { what: string; text: string }[] = [];

beforeAll(async () => {
  dir = scratchDir();
  const stateFile = join(dir, "cloud.json");
  cloud = await startLocalCloud({
    stateFile,
    settings: { createDelayMs: 100, deleteDelayMs: 50 },
    services: localServices.map((service) => (service.name === "ds" ? echoingDirectoryService(service) : service)),
  });
  writeFileSync(join(dir, "stack.yaml"), stackYaml);
  writeFileSync(join(dir, "admin-password.txt"), `${FILE_SECRET}\n`);
});

afterAll(async () => {
  await cloud.close();
  seen.push({ what: "the cloud's state file", text: readFileSync(join(dir, "cloud.json"), "utf8") });
  const leaks = seen.filter(({ text }) => everySecret.some((secret) => text.includes(secret))).length;
  record({ test: "secrets", outputs: seen.length, leaks });
});

/** Runs adstack against the cloud (as if it were AWS) and keeps everything it printed for the leak check. */
async function adstack(...args: string[]): Promise<CliResult> {
  const result = await runCli(args, {
    cwd: dir,
    env: {
      ...secrets,
      ...compressedTimeEnv(0.1),
      AWS_ENDPOINT_URL: cloud.url,
      AWS_ACCESS_KEY_ID: "AKIDSECRETS",
      AWS_SECRET_ACCESS_KEY: "not-a-secret-of-the-stack",
    },
  });
  seen.push({ what: `stdout of adstack ${args.join(" ")}`, text: result.stdout }, { what: `stderr of adstack ${args.join(" ")}`, text: result.stderr });
  return result;
}

function expectNoSecretIn(what: string, text: string): void {
  for (const secret of everySecret) expect(text.includes(secret), `${what} contains ${secret}:\n${text}`).toBe(false);
}

const writeOnlyPaths = ["password", "sso.password", "trustPassword"];

describe("secrets never leak", () => {
  it("from the commands that make no AWS call", async () => {
    const commands = [
      ["validate", "stack.yaml"],
      ["graph", "stack.yaml"],
      ["graph", "stack.yaml", "--format", "dot"],
      ["iam-policy", "stack.yaml", "--for", "plan"],
      ["iam-policy", "stack.yaml", "--for", "apply"],
    ];
    for (const args of commands) {
      const result = await adstack(...args);
      expect(result.code, `${args.join(" ")}: ${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  it("from every plan format, which still shows each write-only field as set", async () => {
    const text = await adstack("plan", "stack.yaml", "--out", "stack.plan", "--debug");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toMatch(/\[debug\] ds DescribeDirectories/);
    expect(text.stdout.match(/^ {6}\+ password += \(sensitive\)$/gm)).toHaveLength(6);
    expect(text.stdout).toMatch(/^ {6}\+ sso\.password += \(sensitive\)$/m);
    expect(text.stdout).toMatch(/^ {6}\+ trustPassword += \(sensitive\)$/m);
    seen.push({ what: "the saved plan", text: readFileSync(join(dir, "stack.plan"), "utf8") });

    const json = await adstack("plan", "stack.yaml", "--json");
    const sensitive = (JSON.parse(json.stdout) as { changes: { attributes: { path: string; after: unknown; sensitive: boolean }[] }[] }).changes
      .flatMap((change) => change.attributes)
      .filter((attribute) => writeOnlyPaths.includes(attribute.path));
    expect(sensitive).toHaveLength(8);
    for (const attribute of sensitive) expect(attribute).toMatchObject({ after: "(sensitive)", sensitive: true });

    const markdown = await adstack("plan", "stack.yaml", "--format", "markdown");
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("password = (sensitive)");
  });

  it("from applies that fail, as text, as an event stream, and in the debug log", async () => {
    const events = await adstack("apply", "stack.yaml", "--auto-approve", "--json", "--debug");
    expect(events.code).toBe(1);
    const finished = events.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { type: string; address?: string; outcome?: string; message?: string })
      .filter((event) => event.type === "step_finished");
    const outcome = (address: string) => finished.find((event) => event.address === address);
    expect(outcome("ds/ad-connector.unreachable")).toMatchObject({ outcome: "failed", message: expect.stringContaining("DNS unavailable") });
    expect(outcome("ds/ad-connector.rejected")).toMatchObject({ outcome: "failed", message: expect.stringContaining("Invalid credentials") });
    // The service's own words survive, with the password it repeated taken out.
    expect(outcome("ds/ad-connector.echoed")).toMatchObject({ outcome: "failed", message: expect.stringContaining("failed to satisfy constraint") });
    expect(outcome("ds/ad-connector.echoed")?.message).toMatch(/the password \((hidden|sensitive)\) was used before/);
    expect(outcome("ds/ad-connector.corp")).toMatchObject({ outcome: "done" });

    const again = await adstack("apply", "stack.yaml", "--auto-approve", "--debug", "--allow-destroy");
    expect(again.code, again.stdout + again.stderr).toBe(1);
    expect(again.stdout).toMatch(/ds\/ad-connector\.echoed: Creation failed/);
    expect(again.stderr).toMatch(/\[debug\] ds ConnectDirectory/);
  });

  it("from drift, a stale saved plan and destroy", async () => {
    expect([0, 2]).toContain((await adstack("drift", "stack.yaml")).code);
    expect([0, 2]).toContain((await adstack("drift", "stack.yaml", "--json", "--debug")).code);
    expect((await adstack("apply", "stack.plan", "--debug")).code).toBe(3);
    const destroy = await adstack("destroy", "stack.yaml", "--auto-approve", "--allow-destroy", "--json", "--debug");
    expect(destroy.code, destroy.stdout + destroy.stderr).toBe(0);
  });

  it("anywhere at all", () => {
    // Every file the runs left in the workspace (the cloud's state, saved plans, anything under .adstack/), but the secret's own file.
    const written = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((path) => path !== "admin-password.txt" && statSync(join(dir, path)).isFile());
    for (const path of written) seen.push({ what: `the file ${path}`, text: readFileSync(join(dir, path), "utf8") });
    expect(written).toEqual(expect.arrayContaining(["cloud.json", "stack.plan"]));
    expect(seen.length).toBeGreaterThan(20);
    for (const { what, text } of seen) expectNoSecretIn(what, text);
  });
});
