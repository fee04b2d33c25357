import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConnectDirectoryCommand,
  CreateAliasCommand,
  DescribeDirectoriesCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-directory-service";
import { afterEach, describe, expect, test } from "vitest";
import { connectorInput, connectorPassword, createDelayMs, manualClock, startDs, type DsHarness } from "./ds-harness.js";

const opened: DsHarness[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((harness) => harness.close()));
  folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});

async function open(...args: Parameters<typeof startDs>): Promise<DsHarness> {
  const harness = await startDs(...args);
  opened.push(harness);
  return harness;
}

function stateFile(): string {
  const folder = mkdtempSync(join(tmpdir(), "adstack-local-cloud-"));
  folders.push(folder);
  return join(folder, "state.json");
}

describe("persistence", () => {
  test("two clouds sharing a state file see each other's directories and agree on their stage", async () => {
    const file = stateFile();
    const clock = manualClock();
    // The second cloud has other delays: stages follow what was recorded at creation.
    const first = await open({ stateFile: file }, clock);
    const second = await open({ stateFile: file, settings: { createDelayMs: 60_000 } }, clock);
    const { DirectoryId } = await first.client.send(new ConnectDirectoryCommand(connectorInput({ Tags: [{ Key: "owner", Value: "first" }] })));
    const seen = await second.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId!] }));
    expect(seen.DirectoryDescriptions![0].Stage).toBe("Requested");
    clock.advance(createDelayMs);
    expect((await second.client.send(new DescribeDirectoriesCommand({ DirectoryIds: [DirectoryId!] }))).DirectoryDescriptions![0].Stage).toBe("Active");
    await second.client.send(new CreateAliasCommand({ DirectoryId, Alias: "shared-state" }));
    const again = await first.client.send(new DescribeDirectoriesCommand({}));
    expect(again.DirectoryDescriptions!.map((d) => d.Alias)).toEqual(["shared-state"]);
    expect((await first.client.send(new ListTagsForResourceCommand({ ResourceId: DirectoryId }))).Tags).toEqual([{ Key: "owner", Value: "first" }]);
    expect(readFileSync(file, "utf8")).not.toContain(connectorPassword);
  });

  test("a cloud started later on the same file picks up where the last one stopped", async () => {
    const file = stateFile();
    const clock = manualClock();
    const before = await open({ stateFile: file }, clock);
    const { DirectoryId } = await before.client.send(new ConnectDirectoryCommand(connectorInput()));
    await before.close();
    const after = await open({ stateFile: file }, clock);
    const listed = await after.client.send(new DescribeDirectoriesCommand({}));
    expect(listed.DirectoryDescriptions!.map((d) => d.DirectoryId)).toEqual([DirectoryId]);
  });
});

describe("stats", () => {
  test("the stats endpoint counts calls per service and operation, and resets on POST", async () => {
    const ds = await open();
    await ds.client.send(new DescribeDirectoriesCommand({}));
    await ds.client.send(new DescribeDirectoriesCommand({}));
    await ds.raw("DescribeDirectories", { DirectoryIds: ["bad"] });
    await ds.client.send(new ConnectDirectoryCommand(connectorInput()));
    const stats = (await (await fetch(`${ds.cloud.url}/__local-cloud/stats`)).json()) as { calls: Record<string, number> };
    expect(stats.calls).toMatchObject({ "ds:DescribeDirectories": 3, "ds:ConnectDirectory": 1 });
    expect(ds.cloud.stats().calls["ds:DescribeDirectories"]).toBe(3);
    await fetch(`${ds.cloud.url}/__local-cloud/stats`, { method: "POST" });
    expect(ds.cloud.stats().calls).toEqual({});
  });
});
