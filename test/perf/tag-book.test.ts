import { describe, expect, it } from "vitest";
import { createKindContext } from "../../src/core/context.js";
import { recordTagEffect, tagsOnce } from "../../src/providers/aws/tag-book.js";

const ctx = () => createKindContext({ stack: "perf", aws: { region: "us-east-1" } });

describe("tag book", () => {
  it("reads a resource's tags once per run, whoever asks and however often the memo is dropped", async () => {
    const context = ctx();
    let reads = 0;
    const load = async () => ({ team: `read-${++reads}` });
    const answers = await Promise.all([tagsOnce(context, "ds", "d-1", load), tagsOnce(context, "ds", "d-1", load)]);
    context.forget("");
    answers.push(await tagsOnce(context, "ds", "d-1", load));
    expect(answers).toEqual([{ team: "read-1" }, { team: "read-1" }, { team: "read-1" }]);
    expect(reads).toBe(1);
  });

  it("knows a created resource's tags without reading, and follows this run's own writes", async () => {
    const context = ctx();
    const unread = async () => {
      throw new Error("no read expected");
    };
    recordTagEffect(context, "pca", { id: "arn:1", created: { a: "1", b: "2" } }, true);
    recordTagEffect(context, "pca", { id: "arn:1", set: { c: "3" } }, true);
    recordTagEffect(context, "pca", { id: "arn:1", removed: ["a"] }, true);
    expect(await tagsOnce(context, "pca", "arn:1", unread)).toEqual({ b: "2", c: "3" });
  });

  it("reads again after a tag write that failed, and never keeps a read that raced a write", async () => {
    const context = ctx();
    recordTagEffect(context, "ds", { id: "d-1", created: { a: "1" } }, true);
    recordTagEffect(context, "ds", { id: "d-1", set: { b: "2" } }, false);
    expect(await tagsOnce(context, "ds", "d-1", async () => ({ a: "1", b: "2" }))).toEqual({ a: "1", b: "2" });

    let release!: () => void;
    const slow = tagsOnce(context, "ds", "d-2", () => new Promise((resolve) => (release = () => resolve({ old: "yes" }))));
    recordTagEffect(context, "ds", { id: "d-2", set: { fresh: "yes" } }, true);
    release();
    await slow;
    expect(await tagsOnce(context, "ds", "d-2", async () => ({ fresh: "yes" }))).toEqual({ fresh: "yes" });
  });
});
