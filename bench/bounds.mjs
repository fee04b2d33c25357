/**
 * Lower bounds for a benchmark run, computed from the stack's composition and the run's settings
 * alone: the fewest calls the APIs allow, the time the rate limit alone imposes, and the longest
 * chain of creations.
 */

/** Largest pages the local cloud serves (the real services' maxima for PCA and WorkSpaces). */
export const PAGE_SIZES = { dsDirectories: 10, dsTrusts: 10, workspaces: 25, pca: 1000 };

const pages = (items, size) => Math.max(1, Math.ceil(items / size));

/**
 * Calls a refresh of the deployed stack cannot do without, by `<service>:<Operation>`: every
 * listing once, page by page; one tag call per taggable resource (no describe or list returns
 * tags); children listed once per parent; batch reads in the largest batches allowed.
 */
export function minimumRefreshCalls(counts) {
  const directories = counts["ds/microsoft-ad"] + counts["ds/ad-connector"];
  const managedAds = counts["ds/microsoft-ad"];
  const trustsPerDirectory = counts["ds/trust"] / Math.max(1, managedAds);
  const connectors = counts["pca/connector"];
  const registrations = counts["pca/directory-registration"];
  const templates = counts["pca/template"];
  const templatesPerConnector = Math.ceil(templates / Math.max(1, connectors));
  const workspaces = counts["workspaces/directory"];
  return {
    "ds:DescribeDirectories": pages(directories, PAGE_SIZES.dsDirectories),
    "ds:ListTagsForResource": directories,
    "ds:DescribeTrusts": managedAds * pages(trustsPerDirectory, PAGE_SIZES.dsTrusts),
    // Trusts carry their forwarder's addresses, and forwarders are only listed per directory.
    "ds:DescribeConditionalForwarders": managedAds,
    "pca-connector-ad:ListConnectors": pages(connectors, PAGE_SIZES.pca),
    "pca-connector-ad:ListDirectoryRegistrations": pages(registrations, PAGE_SIZES.pca),
    "pca-connector-ad:ListServicePrincipalNames": registrations,
    "pca-connector-ad:ListTemplates": connectors * pages(templatesPerConnector, PAGE_SIZES.pca),
    "pca-connector-ad:ListTemplateGroupAccessControlEntries": templates,
    "pca-connector-ad:ListTagsForResource": connectors + registrations + templates,
    "workspaces:DescribeWorkspaceDirectories": pages(workspaces, PAGE_SIZES.workspaces),
    "workspaces:DescribeTags": workspaces,
    "workspaces:DescribeClientProperties": pages(workspaces, PAGE_SIZES.workspaces),
  };
}

/** A refresh of an account where nothing exists yet: one empty listing per service's top level. */
export function minimumEmptyRefreshCalls() {
  return {
    "ds:DescribeDirectories": 1,
    "pca-connector-ad:ListConnectors": 1,
    "pca-connector-ad:ListDirectoryRegistrations": 1,
    "workspaces:DescribeWorkspaceDirectories": 1,
  };
}

/**
 * Writes an apply from nothing cannot do without: one create per resource, plus the alias and
 * single sign-on of each AD Connector (set after it is Active). Reads are left out: waiting could
 * in principle be done with very few, so this bound is strict.
 */
export function minimumApplyWrites(counts) {
  return {
    "ds:CreateMicrosoftAD": counts["ds/microsoft-ad"],
    "ds:ConnectDirectory": counts["ds/ad-connector"],
    "ds:CreateAlias": counts["ds/ad-connector"],
    "ds:EnableSso": counts["ds/ad-connector"],
    "ds:CreateTrust": counts["ds/trust"],
    "pca-connector-ad:CreateDirectoryRegistration": counts["pca/directory-registration"],
    "pca-connector-ad:CreateConnector": counts["pca/connector"],
    "pca-connector-ad:CreateServicePrincipalName": counts["pca/service-principal-name"],
    "pca-connector-ad:CreateTemplate": counts["pca/template"],
    "pca-connector-ad:CreateTemplateGroupAccessControlEntry": counts["pca/template-access-control-entry"],
    "workspaces:RegisterWorkspaceDirectory": counts["workspaces/directory"],
  };
}

export function sum(calls) {
  return Object.values(calls).reduce((a, b) => a + b, 0);
}

export function byService(calls) {
  const totals = {};
  for (const [key, n] of Object.entries(calls)) {
    const service = key.slice(0, key.indexOf(":"));
    totals[service] = (totals[service] ?? 0) + n;
  }
  return totals;
}

/** Seconds the rate limit alone imposes on these calls: the busiest service at `rate`, plus one round trip. */
export function rateLimitSeconds(calls, ratePerSecond, latencyMs) {
  const busiest = Math.max(0, ...Object.values(byService(calls)));
  return busiest / ratePerSecond + latencyMs / 1000;
}

/**
 * Creations that must follow one another: a directory, then its PCA registration and connector,
 * then the service principal name that needs both (trusts and WorkSpaces registrations wait for
 * the directory only; templates and access control entries are synchronous).
 */
export const CREATION_CHAIN_DEPTH = 3;
