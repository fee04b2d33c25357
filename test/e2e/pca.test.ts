import { describe, expect, it } from "vitest";
import { stackWorkspace } from "../support/cli.js";
import { expectApplyConverges } from "./stack-fixtures.js";

const workspace = () => stackWorkspace("examples/pca-stack.yaml");

const changedAddresses = (json: string) =>
  (JSON.parse(json).changes as Array<{ address: string; action: string }>)
    .filter((c) => c.action !== "noop")
    .map((c) => `${c.action} ${c.address}`);

describe("adstack against the local cloud: PCA Connector for AD", () => {
  it("creates, updates in place, replaces and destroys each kind in order", async () => {
    const ws = workspace();
    const created = await ws.cli("apply", ws.file, "--auto-approve");
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("Apply complete! Resources: 6 added, 0 changed, 0 destroyed.");
    expect((await ws.cli("plan", ws.file, "--detailed-exitcode")).code).toBe(0);

    // The definition changes in place (UpdateTemplate); so do the entry's name and rights.
    ws.edit("minimalKeyLength: 2048", "minimalKeyLength: 4096");
    ws.edit("groupDisplayName: Domain Computers", "groupDisplayName: All Domain Computers");
    const inPlace = await ws.cli("plan", ws.file, "--json");
    expect(changedAddresses(inPlace.stdout)).toEqual([
      "update pca/template.computer-template",
      "update pca/template-access-control-entry.computers-autoenroll",
    ]);
    await expectApplyConverges(ws);

    // A new name is a new template, and the entry under it follows.
    ws.edit("name: CorpComputer", "name: CorpComputerV2");
    const renamed = await ws.cli("plan", ws.file);
    expect(renamed.stdout).toContain("# pca/template.computer-template must be replaced");
    expect(renamed.stdout).toContain("# pca/template-access-control-entry.computers-autoenroll must be replaced");
    expect(renamed.stdout).toContain("Plan: 0 to add, 0 to change, 2 to replace, 0 to destroy.");
    await expectApplyConverges(ws);

    const destroyed = await ws.cli("destroy", ws.file, "--auto-approve", "--allow-destroy");
    expect(destroyed.code).toBe(0);
    const doneAt = (name: string) => {
      const at = destroyed.stdout.indexOf(`${name}: Destruction complete`);
      expect(at, name).toBeGreaterThanOrEqual(0);
      return at;
    };
    const mustPrecede: Array<[string, string]> = [
      ["pca/template-access-control-entry.computers-autoenroll", "pca/template.computer-template"],
      ["pca/template.computer-template", "pca/connector.corp-connector"],
      ["pca/service-principal-name.corp-connector-spn", "pca/connector.corp-connector"],
      ["pca/service-principal-name.corp-connector-spn", "pca/directory-registration.corp-registration"],
      ["pca/connector.corp-connector", "pca/directory-registration.corp-registration"],
      ["pca/connector.corp-connector", "ds/ad-connector.corp"],
      ["pca/directory-registration.corp-registration", "ds/ad-connector.corp"],
    ];
    for (const [first, then] of mustPrecede) expect(doneAt(first), `${first} before ${then}`).toBeLessThan(doneAt(then));
    expect(destroyed.stdout).toContain("6 destroyed");
    const after = await ws.cli("plan", ws.file, "--json");
    expect(JSON.parse(after.stdout).summary).toMatchObject({ create: 6, delete: 0 });
  });

  it("changes connector and registration tags in place, and replaces a connector with everything on it", async () => {
    const ws = workspace();
    expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);

    // Tags of the connector and the registration change in place (TagResource / UntagResource).
    ws.edit("ipAddressType: IPV4\n      tags: { team: pki }", "ipAddressType: IPV4\n      tags: { owner: pki }");
    ws.edit("directoryId: ${corp.directoryId}\n      tags: { team: pki }", "directoryId: ${corp.directoryId}\n      tags: { team: pki-ops }");
    const retagged = await ws.cli("plan", ws.file, "--json");
    expect(changedAddresses(retagged.stdout).sort()).toEqual([
      "update pca/connector.corp-connector",
      "update pca/directory-registration.corp-registration",
    ]);
    await expectApplyConverges(ws);

    // The connector's security groups force a replacement, and everything standing on it follows.
    ws.edit("securityGroupIds: [sg-0123456789abcdef0]", "securityGroupIds: [sg-0123456789abcdef1]");
    const regrouped = await ws.cli("plan", ws.file);
    expect(regrouped.stdout).toMatch(/vpcInformation\.securityGroupIds.*# forces replacement/s);
    expect(regrouped.stdout).toContain("# pca/connector.corp-connector must be replaced");
    expect(regrouped.stdout).toContain("Plan: 0 to add, 0 to change, 4 to replace, 0 to destroy.");
    await expectApplyConverges(ws);
  });

  it("shows a failed connector's status reason and skips what depends on it", async () => {
    const ws = workspace();
    // A CA whose id starts with zeros is one the local cloud cannot find, as AWS would report.
    ws.edit("certificate-authority/3f1c2a4b-", "certificate-authority/00000000-");
    const applied = await ws.cli("apply", ws.file, "--auto-approve");
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/pca\/connector\.corp-connector: Creation failed.*PRIVATECA_RESOURCE_NOT_FOUND/);
    expect(applied.stdout).toMatch(/pca\/template\.computer-template: Skipped \(upstream failed/);
    const plan = await ws.cli("plan", ws.file);
    expect(plan.stdout).toContain("PRIVATECA_RESOURCE_NOT_FOUND");
    expect(plan.stdout).toContain("# pca/connector.corp-connector must be replaced");
  });
});
