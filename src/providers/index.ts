import { buildRegistry, type Registry } from "../core/registry.js";
import type { ResourceKind } from "../core/resource-kind.js";
import { adConnector } from "./ds/ad-connector.js";
import { microsoftAd } from "./ds/microsoft-ad.js";
import { trust } from "./ds/trust.js";
import { pcaConnector } from "./pca/connector.js";
import { pcaDirectoryRegistration } from "./pca/directory-registration.js";
import { pcaServicePrincipalName } from "./pca/service-principal-name.js";
import { pcaTemplateAccessControlEntry } from "./pca/template-access-control-entry.js";
import { pcaTemplate } from "./pca/template.js";
import { workspacesDirectory } from "./workspaces/directory.js";

/** Every resource kind adstack knows, listed explicitly. */
export const allKinds: readonly ResourceKind[] = [
  adConnector,
  microsoftAd,
  trust,
  pcaConnector,
  pcaDirectoryRegistration,
  pcaServicePrincipalName,
  pcaTemplate,
  pcaTemplateAccessControlEntry,
  workspacesDirectory,
];

export function defaultRegistry(): Registry {
  return buildRegistry(allKinds);
}
