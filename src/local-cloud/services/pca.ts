import { model } from "../models/pca-connector-ad.js";
import { createRestJsonService, type RestJsonCall } from "../protocols/rest-json.js";
import type { LocalService } from "../types.js";
import { connectorHandlers } from "./pca-connectors.js";
import { notFound, pcaState, purgeDeleted, type PcaState } from "./pca-state.js";
import { templateHandlers } from "./pca-templates.js";

type TagInput = { ResourceArn: string; Tags?: Record<string, string>; TagKeys?: string[] };

/** Only connectors, directory registrations and templates carry tags. */
function taggedResource(state: PcaState, arn: string): Record<string, string> {
  const exists = arn in state.connectors || arn in state.registrations || arn in state.templates;
  if (!exists) throw notFound("Resource", arn);
  state.tags[arn] ??= {};
  return state.tags[arn];
}

const tagHandlers = {
  ListTagsForResource: (input: TagInput, { ctx }: RestJsonCall) => ({ Tags: { ...taggedResource(pcaState(ctx), input.ResourceArn) } }),
  TagResource: (input: TagInput, { ctx }: RestJsonCall) => {
    Object.assign(taggedResource(pcaState(ctx), input.ResourceArn), input.Tags);
    ctx.store.save();
  },
  UntagResource: (input: TagInput, { ctx }: RestJsonCall) => {
    const tags = taggedResource(pcaState(ctx), input.ResourceArn);
    for (const key of input.TagKeys ?? []) delete tags[key];
    ctx.store.save();
  },
};

/**
 * Private CA Connector for Active Directory over rest-json. Connectors, registrations and service
 * principal names go CREATING → ACTIVE after `createDelayMs` and DELETING → gone after
 * `deleteDelayMs`; templates and access control entries are synchronous. Statuses are derived
 * from stored timestamps, and finished deletions are purged before each call.
 */
export const pcaService: LocalService = createRestJsonService({
  name: "pca-connector-ad",
  model,
  handlers: { ...connectorHandlers, ...templateHandlers, ...tagHandlers },
  beforeEach(ctx) {
    if (purgeDeleted(pcaState(ctx), ctx.now())) ctx.store.save();
  },
});
