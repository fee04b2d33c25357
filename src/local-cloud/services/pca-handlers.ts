import type { RestJsonCall } from "../protocols/rest-json.js";
import {
  paginate,
  pcaState,
  rememberClientToken,
  replayClientToken,
  requireRecord,
  seconds,
  statusOf,
  updatedAtOf,
  type Lifecycle,
  type PcaState,
} from "./pca-state.js";

/** An operation's input, assembled from path, query and body and already valid against the model. */
export type PcaInput = Record<string, unknown> & { ClientToken?: string; MaxResults?: number; NextToken?: string };

/**
 * Runs `create` at most once per client token and saves what it did. A repeated call with the
 * same token and input answers with the key the first call returned. When `create` returns
 * undefined it changed nothing, so the token stays free.
 */
export function createOnce<Key extends string | undefined>(
  input: PcaInput,
  { ctx, operation }: RestJsonCall,
  resourceType: string,
  create: (state: PcaState) => Key,
): Key | string {
  const state = pcaState(ctx);
  const replayed = replayClientToken(state, operation, input, resourceType);
  if (replayed) return replayed;
  const key = create(state);
  if (key === undefined) return key;
  rememberClientToken(state, operation, input, key);
  ctx.store.save();
  return key;
}

/** A List answer: one page of `records` under the output member `member`, each shown by `view`. */
export function listAnswer<T>(
  member: string,
  records: T[],
  keyOf: (record: T) => string,
  input: PcaInput,
  view: (record: T) => unknown,
): Record<string, unknown> {
  const { page, NextToken } = paginate(records, keyOf, input);
  return { [member]: page.map(view), NextToken };
}

/** `Get<Kind>` for a kind stored by ARN: the record the input member `arnMember` names, answered as `resourceType`. */
export function getByArn<T>(
  resourceType: string,
  arnMember: string,
  tableOf: (state: PcaState) => Record<string, T>,
  view: (record: T, now: number) => unknown,
) {
  return (input: PcaInput, { ctx }: RestJsonCall) => ({
    [resourceType]: view(requireRecord(tableOf(pcaState(ctx)), input[arnMember] as string, resourceType), ctx.now()),
  });
}

/** `List<Kinds>` for a kind stored by ARN: a page of all of them, in ARN order, under the output member `member`. */
export function listAllByArn<T extends { arn: string }>(
  member: string,
  tableOf: (state: PcaState) => Record<string, T>,
  view: (record: T, now: number) => unknown,
) {
  return (input: PcaInput, { ctx }: RestJsonCall) =>
    listAnswer(member, Object.values(tableOf(pcaState(ctx))), (record) => record.arn, input, (record) => view(record, ctx.now()));
}

/**
 * A record's answer: its own `members` with CreatedAt, Status, StatusReason (only when FAILED)
 * and UpdatedAt, in alphabetical order as every answer of this service has listed its members.
 */
export function withLifecycle(record: Lifecycle, now: number, members: Record<string, unknown>): Record<string, unknown> {
  const status = statusOf(record, now);
  const all: Record<string, unknown> = {
    ...members,
    CreatedAt: seconds(record.createdAt),
    Status: status,
    ...(status === "FAILED" ? { StatusReason: record.failureReason } : {}),
    UpdatedAt: seconds(updatedAtOf(record, now)),
  };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
