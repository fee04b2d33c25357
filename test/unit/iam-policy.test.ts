import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { kindPermissions } from "../../src/providers/iam.js";
import { actionsFor, buildPolicyDocument, partitionOf, type PolicyDocument } from "../../src/providers/iam-policy.js";
import { allKinds } from "../../src/providers/index.js";
import { repoRoot, runCli, scratchDir, testSecrets } from "../support/cli.js";

const allTypes = allKinds.map((kind) => kind.type);
const actionsOf = (document: PolicyDocument) => document.Statement.flatMap((statement) => statement.Action);

describe("IAM permissions per kind", () => {
  it("are declared for exactly the registered kinds", () => {
    expect(Object.keys(kindPermissions).sort()).toEqual([...allTypes].sort());
  });

  it("name real IAM actions: service prefix, colon, operation", () => {
    for (const permissions of Object.values(kindPermissions)) {
      for (const action of [...permissions.read, ...permissions.write, ...permissions.delete]) {
        expect(action).toMatch(/^(ds|workspaces|pca-connector-ad|ec2|acm-pca):[A-Z][A-Za-z]+$/);
      }
    }
  });
});

describe("actionsFor", () => {
  it("gives plan only reads, of every kind (refresh lists them all to find orphans)", () => {
    const plan = actionsFor(["ds/trust"], allTypes, "plan");
    expect(plan.every((action) => /:(Describe|List|Get)/.test(action))).toBe(true);
    expect(plan).toEqual(expect.arrayContaining(["ds:DescribeTrusts", "workspaces:DescribeWorkspaceDirectories", "pca-connector-ad:ListConnectors"]));
    expect(plan).toEqual([...plan].sort());
  });

  it("gives apply the writes of the file's kinds and the deletes of all kinds", () => {
    const apply = actionsFor(["ds/trust"], allTypes, "apply");
    expect(apply).toEqual(expect.arrayContaining(actionsFor(["ds/trust"], allTypes, "plan")));
    expect(apply).toEqual(expect.arrayContaining(["ds:CreateTrust", "ds:UpdateTrust", "ds:DeleteTrust", "ds:DeleteDirectory", "workspaces:DeregisterWorkspaceDirectory"]));
    expect(apply).not.toContain("ds:CreateMicrosoftAD");
    expect(apply).not.toContain("workspaces:RegisterWorkspaceDirectory");
  });

  it("includes what the services do behind the scenes with the caller's permissions", () => {
    const apply = actionsFor(["ds/ad-connector", "pca/connector", "pca/directory-registration", "pca/service-principal-name"], allTypes, "apply");
    expect(apply).toEqual(
      expect.arrayContaining([
        "ec2:CreateNetworkInterface",
        "ec2:CreateSecurityGroup",
        "ec2:DeleteSecurityGroup",
        "ec2:CreateVpcEndpoint",
        "ec2:DeleteVpcEndpoints",
        "ds:AuthorizeApplication",
        "ds:UnauthorizeApplication",
        "ds:UpdateAuthorizedApplication",
        "acm-pca:DescribeCertificateAuthority",
      ]),
    );
  });
});

describe("buildPolicyDocument", () => {
  const document = buildPolicyDocument(actionsFor(allTypes, allTypes, "apply"), "eu-west-1");

  it("is a 2012-10-17 document of Allow statements with sorted, unique actions", () => {
    expect(document.Version).toBe("2012-10-17");
    expect(document.Statement.length).toBeGreaterThan(1);
    for (const statement of document.Statement) {
      expect(statement.Effect).toBe("Allow");
      expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(statement.Action).toEqual([...statement.Action].sort());
    }
    expect(new Set(actionsOf(document)).size).toBe(actionsOf(document).length);
  });

  it("narrows to resource ARNs where the services allow it, and uses * for creates and listings", () => {
    const resourceOf = (action: string) => document.Statement.find((statement) => statement.Action.includes(action))?.Resource;
    expect(resourceOf("ds:DeleteDirectory")).toBe("arn:aws:ds:eu-west-1:*:directory/*");
    expect(resourceOf("ds:DescribeDirectories")).toBe("*");
    expect(resourceOf("ds:ConnectDirectory")).toBe("*");
    expect(resourceOf("workspaces:ModifyClientProperties")).toBe("arn:aws:workspaces:eu-west-1:*:directory/*");
    expect(resourceOf("pca-connector-ad:DeleteTemplate")).toEqual([
      "arn:aws:pca-connector-ad:eu-west-1:*:connector/*",
      "arn:aws:pca-connector-ad:eu-west-1:*:directory-registration/*",
    ]);
    expect(resourceOf("pca-connector-ad:CreateConnector")).toBe("*");
    expect(resourceOf("acm-pca:GetCertificate")).toBe("arn:aws:acm-pca:eu-west-1:*:certificate-authority/*");
    expect(resourceOf("ec2:CreateVpcEndpoint")).toBe("*");
  });

  it("writes ARNs in the region's partition", () => {
    expect(partitionOf("cn-north-1")).toBe("aws-cn");
    expect(partitionOf("us-gov-west-1")).toBe("aws-us-gov");
    expect(JSON.stringify(buildPolicyDocument(["ds:DeleteDirectory"], "cn-north-1"))).toContain("arn:aws-cn:ds:cn-north-1:*:directory/*");
  });
});

describe("adstack iam-policy", () => {
  it("prints the policy for apply as JSON, with no AWS call", async () => {
    const result = await runCli(["iam-policy", join(repoRoot, "examples/directory-service.yaml"), "--for", "apply"], { cwd: scratchDir() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as PolicyDocument;
    expect(actionsOf(document)).toEqual(expect.arrayContaining(["ds:CreateMicrosoftAD", "ds:CreateTrust", "ds:DescribeDirectories"]));
    expect(actionsOf(document)).not.toContain("workspaces:RegisterWorkspaceDirectory");
    for (const secret of Object.values(testSecrets)) expect(result.stdout).not.toContain(secret);
  });

  it("needs --for plan or apply", async () => {
    const file = join(repoRoot, "examples/directory-service.yaml");
    const missing = await runCli(["iam-policy", file], { cwd: scratchDir() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--for");
    const wrong = await runCli(["iam-policy", file, "--for", "destroy"], { cwd: scratchDir() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("must be one of: plan, apply");
  });
});
