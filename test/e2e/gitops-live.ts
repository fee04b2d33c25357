import { AddTagsToResourceCommand, DescribeDirectoriesCommand } from "@aws-sdk/client-directory-service";
import { join } from "node:path";
import { startLocalCloud } from "../../src/local-cloud/server.js";
import { dsClient } from "../providers/workspaces/support.js";

/**
 * Changes a tag on a live directory behind adstack's back: the real SDK against the local cloud
 * that the workspace's CLI runs use (its state file), as another tool or a console user would.
 */
export async function changeLiveTag(dir: string, directoryName: string, key: string, value: string): Promise<void> {
  const cloud = await startLocalCloud({ stateFile: join(dir, "cloud.json") });
  const client = dsClient(cloud);
  try {
    const { DirectoryDescriptions = [] } = await client.send(new DescribeDirectoriesCommand({}));
    const directory = DirectoryDescriptions.find((d) => d.Name === directoryName);
    if (!directory?.DirectoryId) throw new Error(`test setup: no live directory named ${directoryName}`);
    await client.send(new AddTagsToResourceCommand({ ResourceId: directory.DirectoryId, Tags: [{ Key: key, Value: value }] }));
  } finally {
    client.destroy();
    await cloud.close();
  }
}
