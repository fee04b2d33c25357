import { describe, expect, it } from "vitest";
import { defaultRegistry } from "../../src/providers/index.js";
import { diagnosticLines, HEADER, yaml } from "./support.js";

// The loader with the real kinds: rules that live in the kinds' schemas, shown the way users see them.
const registry = defaultRegistry();
const env = { CORP_PASSWORD: "Corp-Passw0rd!" };

const connector = (...extra: string[]) =>
  yaml(
    ...HEADER,
    "  corp:",
    "    type: ds/ad-connector",
    "    properties:",
    "      name: corp.example.com",
    "      size: Small",
    "      password: { env: CORP_PASSWORD }",
    "      connectSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d], customerUserName: svc }",
    ...extra,
  );

describe("desired-state files with the real kinds", () => {
  it("accepts a tag map that happens to look like a secret source", () => {
    expect(diagnosticLines(connector("      tags: { env: prod }"), { registry, env })).toEqual([]);
  });

  it("refuses a secret source where the schema wants a plain value", () => {
    expect(diagnosticLines(connector("      description: { env: CORP_PASSWORD }"), { registry, env })).toEqual([
      "stack.yaml:11:20: description: only write-only fields take env:/file: (the write-only fields of ds/ad-connector are password, sso.password)",
    ]);
  });

  it("says why EnableWorkDocs is refused", () => {
    const lines = diagnosticLines(
      yaml(...HEADER, "  ws:", "    type: workspaces/directory", "    properties:", "      directoryId: d-0123456789", "      enableWorkDocs: true"),
      { registry, env },
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^stack\.yaml:8:\d+: enableWorkDocs: Removed from the WorkSpaces API: RegisterWorkspaceDirectory no longer accepts EnableWorkDocs/);
  });
});
