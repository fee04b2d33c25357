import { describe, expect, it } from "vitest";
import { pollUntil, SiblingWaits } from "../../src/applier/wait.js";
import { FakeClock } from "../applier/fake-clock.js";

/** A wait on a resource that becomes ready `readyAfterMs` after the wait starts; returns when it looked. */
function waitFor(clock: FakeClock, siblings: SiblingWaits, readyAfterMs: number) {
  const startedAt = clock.now();
  const looks: number[] = [];
  const done = pollUntil(
    async () => {
      looks.push(clock.now() - startedAt);
      return clock.now() - startedAt >= readyAfterMs ? true : undefined;
    },
    { clock, deadline: startedAt + 3_600_000, pollMs: 3_000, timeoutMs: 3_600_000, siblings },
  );
  return { looks, done };
}

describe("waits paced by their siblings", () => {
  it("wakes siblings that have waited about as long when one of them turns out ready", async () => {
    const clock = new FakeClock(0);
    const siblings = new SiblingWaits();
    // Looks at 0, 3 s and 7.5 s on its own; the second wait started a little later.
    const first = waitFor(clock, siblings, 4_000);
    await clock.sleep(500);
    const second = waitFor(clock, siblings, 4_000);
    await Promise.all([first.done, second.done]);
    expect(first.looks).toEqual([0, 3_000, 7_500]);
    // Woken when the first settled (after 7 s of its own 7.5 s schedule), not at its own 7.5 s.
    expect(second.looks).toEqual([0, 3_000, 7_000]);
  });

  it("lets a later sibling skip the looks that would find it pending", async () => {
    const clock = new FakeClock(0);
    const siblings = new SiblingWaits();
    siblings.settled(10_000);
    const later = waitFor(clock, siblings, 9_000);
    await later.done;
    // First look at 80 % of the quickest sibling's time, then the usual interval.
    expect(later.looks).toEqual([8_000, 11_000]);
  });
});
