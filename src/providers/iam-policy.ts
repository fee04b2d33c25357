import { kindPermissions, type KindPermissions } from "./iam.js";

/** What the policy is for: `plan` only reads; `apply` (and `destroy`) also writes and deletes. */
export type PolicyPurpose = "plan" | "apply";

/** One statement of an IAM policy document, as AWS spells it. */
export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
}

/** An identity-based IAM policy document. */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Where an action can be narrowed to resource ARNs; anything else needs `"*"`. */
interface Scope {
  sid: string;
  arns(partition: string, region: string): string[];
}

const DS_DIRECTORIES: Scope = { sid: "DirectoryServiceDirectories", arns: (p, r) => [`arn:${p}:ds:${r}:*:directory/*`] };
const WORKSPACES_DIRECTORIES: Scope = { sid: "WorkSpacesDirectories", arns: (p, r) => [`arn:${p}:workspaces:${r}:*:directory/*`] };
/** Template ARNs live under their connector's (`connector/ID/template/ID`), SPNs under their registration's. */
const PCA_RESOURCES: Scope = {
  sid: "PcaConnectorForAdResources",
  arns: (p, r) => [`arn:${p}:pca-connector-ad:${r}:*:connector/*`, `arn:${p}:pca-connector-ad:${r}:*:directory-registration/*`],
};
const PRIVATE_CAS: Scope = { sid: "PrivateCertificateAuthorities", arns: (p, r) => [`arn:${p}:acm-pca:${r}:*:certificate-authority/*`] };
const ANYWHERE_SID = "ActionsWithoutResourceLevelPermissions";

/**
 * Actions that cannot be narrowed: creates (no resource exists yet), account-wide listings, and
 * reads adstack sends with filters the authoriser cannot map to one directory (DescribeTrusts by
 * trust ID). EC2 calls run on network objects the services name themselves, so they stay `"*"`.
 */
const UNSCOPED = new Set([
  "ds:ConnectDirectory",
  "ds:CreateMicrosoftAD",
  "ds:DescribeDirectories",
  "ds:DescribeTrusts",
  "pca-connector-ad:CreateConnector",
  "pca-connector-ad:CreateDirectoryRegistration",
  "pca-connector-ad:ListConnectors",
  "pca-connector-ad:ListDirectoryRegistrations",
  "workspaces:DescribeClientProperties",
  "workspaces:DescribeTags",
  "workspaces:DescribeWorkspaceDirectories",
]);

function scopeOf(action: string): Scope | undefined {
  if (UNSCOPED.has(action)) return undefined;
  const service = action.slice(0, action.indexOf(":"));
  switch (service) {
    case "ds":
      return DS_DIRECTORIES;
    case "workspaces":
      return WORKSPACES_DIRECTORIES;
    case "pca-connector-ad":
      return PCA_RESOURCES;
    case "acm-pca":
      return PRIVATE_CAS;
    default:
      return undefined;
  }
}

/** The AWS partition a region belongs to, for ARNs. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

/**
 * The IAM actions a stack's kinds need. `plan` reads every known kind, not just those in the file:
 * refresh lists each kind to find resources the stack still owns but the file no longer names
 * (orphans, to be deleted), whatever service they are in. `apply` adds the writes and deletes of
 * the kinds in the file and the deletes of every other kind (deleting those orphans).
 */
export function actionsFor(fileKinds: readonly string[], allKinds: readonly string[], purpose: PolicyPurpose): string[] {
  const inFile = new Set(fileKinds);
  const actions = new Set<string>();
  for (const kind of allKinds) {
    const permissions: KindPermissions | undefined = kindPermissions[kind];
    if (!permissions) throw new Error(`no IAM permissions declared for kind ${kind}`);
    const parts = [permissions.read];
    if (purpose === "apply") parts.push(...(inFile.has(kind) ? [permissions.write, permissions.delete] : [permissions.delete]));
    for (const action of parts.flat()) actions.add(action);
  }
  return [...actions].sort();
}

/** The least-privilege policy document for `actions` in one region: one statement per resource scope. */
export function buildPolicyDocument(actions: readonly string[], region: string): PolicyDocument {
  const partition = partitionOf(region);
  const statements = new Map<string, PolicyStatement>();
  for (const action of [...new Set(actions)].sort()) {
    const scope = scopeOf(action);
    const sid = scope?.sid ?? ANYWHERE_SID;
    let statement = statements.get(sid);
    if (!statement) {
      const arns = scope ? scope.arns(partition, region) : ["*"];
      statement = { Sid: sid, Effect: "Allow", Action: [], Resource: arns.length === 1 ? arns[0]! : arns };
      statements.set(sid, statement);
    }
    statement.Action.push(action);
  }
  return { Version: "2012-10-17", Statement: [...statements.values()].sort((a, b) => (a.Sid < b.Sid ? -1 : a.Sid > b.Sid ? 1 : 0)) };
}
