import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CreateConnectorCommand, ListTemplatesCommand, operationOf } from "../../../src/providers/pca/sdk.js";
import { repoRoot } from "../../support/cli.js";

/** The files that are adstack's own stand-in for @aws-sdk/client-pca-connector-ad. */
const STAND_IN = ["client.ts", "commands.ts", "shapes.ts", "service-exception.ts", "sdk.ts"];
const pcaDir = join(repoRoot, "src/providers/pca");

describe("the PCA client seam", () => {
  it("is sdk.ts alone: nothing else reaches the hand-built client's modules, so using the official package is a one-file change", () => {
    const reachingPast = readdirSync(pcaDir)
      .filter((file) => file.endsWith(".ts") && !STAND_IN.includes(file))
      .filter((file) => /from "\.\/(client|commands|shapes|service-exception)\.js"|import\("\.\/client\.js"\)/.test(readFileSync(join(pcaDir, file), "utf8")));
    expect(reachingPast).toEqual([]);
  });

  it("names a command's operation as the service model does", () => {
    expect(operationOf(new CreateConnectorCommand({ CertificateAuthorityArn: "a", DirectoryId: "d-1234567890", VpcInformation: { SecurityGroupIds: ["sg-1"] } }))).toBe("CreateConnector");
    expect(operationOf(new ListTemplatesCommand({ ConnectorArn: "c" }))).toBe("ListTemplates");
  });
});
