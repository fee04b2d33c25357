/**
 * The tags of each resource as far as this run knows them: read at most once per run, and kept
 * current by the run's own tag writes, which the call wrappers report here (a create's tags, an
 * add, a remove). No describe or list call returns tags, so without this every fresh read of a
 * resource (each poll of a wait) would cost a tag call as well.
 *
 * Tags live outside the memo on purpose: the applier drops every memoised read before it polls,
 * so that a wait never sees a stale state; tags are not the state a wait polls for, and the only
 * changes to them this run can know of are its own.
 */
import type { KindContext } from "../../core/resource-kind.js";

export type Tags = Record<string, string>;

interface TagBook {
  known: Map<string, Tags>;
  loading: Map<string, Promise<Tags | undefined>>;
  /** Bumped by every write, so a read that started before it is not remembered after it. */
  writes: Map<string, number>;
}

function bookOf(ctx: KindContext, service: string): TagBook {
  return ctx.client(`tags:${service}`, () => ({ known: new Map(), loading: new Map(), writes: new Map() }));
}

/**
 * The resource's tags: known ones, else `load` (once, shared by everyone asking meanwhile). An
 * undefined answer (the resource is gone) and a failure are not remembered.
 */
export function tagsOnce(
  ctx: KindContext,
  service: string,
  id: string,
  load: () => Promise<Tags | undefined>,
): Promise<Tags | undefined> {
  const book = bookOf(ctx, service);
  const known = book.known.get(id);
  if (known) return Promise.resolve({ ...known });
  let pending = book.loading.get(id);
  if (!pending) {
    const generation = book.writes.get(id) ?? 0;
    pending = load().finally(() => {
      if (book.loading.get(id) === pending) book.loading.delete(id);
    });
    const loaded = pending;
    book.loading.set(id, loaded);
    void loaded.then(
      (tags) => {
        if (tags && (book.writes.get(id) ?? 0) === generation) book.known.set(id, { ...tags });
      },
      () => undefined,
    );
  }
  return pending.then((tags) => (tags ? { ...tags } : undefined));
}

/** A create or a full replacement set exactly these tags. */
export function rememberTags(ctx: KindContext, service: string, id: string, tags: Tags): void {
  const book = bumpWrites(ctx, service, id);
  book.known.set(id, { ...tags });
}

/** A tag write succeeded: keys set or removed on a resource whose tags may or may not be known yet. */
export function noteTagChanges(ctx: KindContext, service: string, id: string, set: Tags, removed: readonly string[]): void {
  const book = bumpWrites(ctx, service, id);
  const known = book.known.get(id);
  if (!known) return;
  const next = { ...known, ...set };
  for (const key of removed) delete next[key];
  book.known.set(id, next);
}

/** A tag write whose outcome is unknown (it failed, perhaps after taking effect): read them again. */
export function forgetTags(ctx: KindContext, service: string, id: string): void {
  bumpWrites(ctx, service, id).known.delete(id);
}

function bumpWrites(ctx: KindContext, service: string, id: string): TagBook {
  const book = bookOf(ctx, service);
  book.writes.set(id, (book.writes.get(id) ?? 0) + 1);
  book.loading.delete(id);
  return book;
}

/** What one call did to a resource's tags, as a call wrapper reads it off the request and answer. */
export interface TagEffect {
  id: string;
  /** A create: these are all the resource's tags. */
  created?: Tags;
  set?: Tags;
  removed?: readonly string[];
}

/** Brings the book up to date after a call; a failed tag write leaves the tags unknown. */
export function recordTagEffect(ctx: KindContext, service: string, effect: TagEffect | undefined, succeeded: boolean): void {
  if (!effect || effect.id === "") return;
  if (!succeeded) {
    if (!effect.created) forgetTags(ctx, service, effect.id);
  } else if (effect.created) {
    rememberTags(ctx, service, effect.id, effect.created);
  } else {
    noteTagChanges(ctx, service, effect.id, effect.set ?? {}, effect.removed ?? []);
  }
}
