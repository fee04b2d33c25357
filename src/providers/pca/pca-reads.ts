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
} from "./commands.js";
import { isNotFound, pcaSend } from "./pca-call.js";
import type {
  AccessControlEntrySummary,
  ConnectorSummary,
  DirectoryRegistrationSummary,
  ServicePrincipalNameSummary,
  TemplateSummary,
} from "./shapes.js";

const PAGE_SIZE = 1000;

export const memoKeys = {
  connectors: "pca:connectors",
  registrations: "pca:registrations",
  servicePrincipalNames: (registrationArn: string) => `pca:spns:${registrationArn}`,
  templates: (connectorArn: string) => `pca:templates:${connectorArn}`,
  accessControlEntries: (templateArn: string) => `pca:aces:${templateArn}`,
  tags: (arn: string) => `pca:tags:${arn}`,
};

/** Walks every page; a parent that no longer exists lists nothing. */
async function allPages<T>(fetch: (NextToken: string | undefined) => Promise<{ items?: T[]; NextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await fetch(NextToken);
      items.push(...(page.items ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  return items;
}

export function listConnectors(ctx: KindContext): Promise<ConnectorSummary[]> {
  return ctx.memo(memoKeys.connectors, () =>
    allPages(async (NextToken) => {
      const page = await pcaSend(ctx, new ListConnectorsCommand({ MaxResults: PAGE_SIZE, NextToken }));
      return { items: page.Connectors, NextToken: page.NextToken };
    }),
  );
}

export function listDirectoryRegistrations(ctx: KindContext): Promise<DirectoryRegistrationSummary[]> {
  return ctx.memo(memoKeys.registrations, () =>
    allPages(async (NextToken) => {
      const page = await pcaSend(ctx, new ListDirectoryRegistrationsCommand({ MaxResults: PAGE_SIZE, NextToken }));
      return { items: page.DirectoryRegistrations, NextToken: page.NextToken };
    }),
  );
}

export function listServicePrincipalNames(ctx: KindContext, registrationArn: string): Promise<ServicePrincipalNameSummary[]> {
  return ctx.memo(memoKeys.servicePrincipalNames(registrationArn), () =>
    allPages(async (NextToken) => {
      const input = { DirectoryRegistrationArn: registrationArn, MaxResults: PAGE_SIZE, NextToken };
      const page = await pcaSend(ctx, new ListServicePrincipalNamesCommand(input));
      return { items: page.ServicePrincipalNames, NextToken: page.NextToken };
    }),
  );
}

export function listTemplates(ctx: KindContext, connectorArn: string): Promise<TemplateSummary[]> {
  return ctx.memo(memoKeys.templates(connectorArn), () =>
    allPages(async (NextToken) => {
      const page = await pcaSend(ctx, new ListTemplatesCommand({ ConnectorArn: connectorArn, MaxResults: PAGE_SIZE, NextToken }));
      return { items: page.Templates, NextToken: page.NextToken };
    }),
  );
}

export function listAccessControlEntries(ctx: KindContext, templateArn: string): Promise<AccessControlEntrySummary[]> {
  return ctx.memo(memoKeys.accessControlEntries(templateArn), () =>
    allPages(async (NextToken) => {
      const input = { TemplateArn: templateArn, MaxResults: PAGE_SIZE, NextToken };
      const page = await pcaSend(ctx, new ListTemplateGroupAccessControlEntriesCommand(input));
      return { items: page.AccessControlEntries, NextToken: page.NextToken };
    }),
  );
}

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
