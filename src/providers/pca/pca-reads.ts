/**
 * Reads of PCA Connector for AD resources: each listing once per run (pages of 1000), shared by
 * `list`, `find` and `read` of every kind, and the tags of each ARN once per run. Waits get fresh
 * listings because the applier drops memoised reads before each poll; writes drop what they
 * changed. Tags are kept by the run's tag book instead, which the calls that write them update.
 */
import type { KindContext } from "../../core/resource-kind.js";
import { tagsOnce } from "../aws/tag-book.js";
import {
  ListConnectorsCommand,
  ListDirectoryRegistrationsCommand,
  ListServicePrincipalNamesCommand,
  ListTagsForResourceCommand,
  ListTemplateGroupAccessControlEntriesCommand,
  ListTemplatesCommand,
  type PcaCommand,
} from "./sdk.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import type { MetadataBearer, PageInput, PageOutput, TemplateSummary } from "./sdk.js";

const PAGE_SIZE = 1000;

export const memoKeys = {
  connectors: "pca:connectors",
  registrations: "pca:registrations",
  servicePrincipalNames: (registrationArn: string) => `pca:spns:${registrationArn}`,
  templates: (connectorArn: string) => `pca:templates:${connectorArn}`,
  accessControlEntries: (templateArn: string) => `pca:aces:${templateArn}`,
  tags: (arn: string) => `pca:tags:${arn}`,
};

/** Every page of one listing; a parent that no longer exists lists nothing. */
async function allPages<Page extends MetadataBearer & PageOutput, Item>(
  ctx: KindContext,
  request: (paging: PageInput) => PcaCommand<object, Page>,
  itemsOf: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const items: Item[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await pcaSend(ctx, request({ MaxResults: PAGE_SIZE, NextToken }));
      items.push(...(itemsOf(page) ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return items;
}

/** An account-wide listing, read once per run. */
function listing<Page extends MetadataBearer & PageOutput, Item>(
  memoKey: string,
  Command: new (input: PageInput) => PcaCommand<PageInput, Page>,
  itemsOf: (page: Page) => Item[] | undefined,
): (ctx: KindContext) => Promise<Item[]> {
  return (ctx) => ctx.memo(memoKey, () => allPages(ctx, (paging) => new Command(paging), itemsOf));
}

/** A listing under one parent, whose ARN goes in the request member `parentMember`; read once per run and parent. */
function listingUnder<
  ParentMember extends string,
  Input extends PageInput & Record<ParentMember, string>,
  Page extends MetadataBearer & PageOutput,
  Item,
>(
  memoKey: (parentArn: string) => string,
  Command: new (input: Input) => PcaCommand<Input, Page>,
  parentMember: ParentMember,
  itemsOf: (page: Page) => Item[] | undefined,
): (ctx: KindContext, parentArn: string) => Promise<Item[]> {
  const request = (parentArn: string, paging: PageInput) => new Command({ [parentMember]: parentArn, ...paging } as Input);
  return (ctx, parentArn) => ctx.memo(memoKey(parentArn), () => allPages(ctx, (paging) => request(parentArn, paging), itemsOf));
}

export const listConnectors = listing(memoKeys.connectors, ListConnectorsCommand, (page) => page.Connectors);

export const listDirectoryRegistrations = listing(memoKeys.registrations, ListDirectoryRegistrationsCommand, (page) => page.DirectoryRegistrations);

export const listServicePrincipalNames = listingUnder(
  memoKeys.servicePrincipalNames,
  ListServicePrincipalNamesCommand,
  "DirectoryRegistrationArn",
  (page) => page.ServicePrincipalNames,
);

export const listTemplates = listingUnder(memoKeys.templates, ListTemplatesCommand, "ConnectorArn", (page) => page.Templates);

export const listAccessControlEntries = listingUnder(
  memoKeys.accessControlEntries,
  ListTemplateGroupAccessControlEntriesCommand,
  "TemplateArn",
  (page) => page.AccessControlEntries,
);

/**
 * All tags of a resource, ownership tags included; undefined when it vanished since it was listed.
 * Read once per run: the run's own tag writes keep them current (see tag-book.ts).
 */
export function tagsOf(ctx: KindContext, arn: string): Promise<Record<string, string> | undefined> {
  return tagsOnce(ctx, "pca-connector-ad", arn, async () => {
    try {
      const { Tags } = await pcaSend(ctx, new ListTagsForResourceCommand({ ResourceArn: arn }));
      return { ...Tags };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  });
}

/** Every template in the account, under every connector that is not being deleted. */
export async function listAllTemplates(ctx: KindContext): Promise<TemplateSummary[]> {
  const connectors = (await listConnectors(ctx)).filter((c) => c.Arn && c.Status !== "DELETING");
  const perConnector = await Promise.all(connectors.map((c) => listTemplates(ctx, c.Arn!)));
  return perConnector.flat();
}
