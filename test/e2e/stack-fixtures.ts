import { expect } from "vitest";
import { stackWorkspace, type StackWorkspace } from "../support/cli.js";

/** A workspace holding examples/directory-service.yaml: an AD Connector, a managed AD and a trust to it. */
export const directoryServiceWorkspace = (): StackWorkspace => stackWorkspace("examples/directory-service.yaml");

/** A directory-service workspace whose whole stack has been applied. */
export async function appliedDirectoryServiceWorkspace(): Promise<StackWorkspace> {
  const ws = directoryServiceWorkspace();
  expect((await ws.cli("apply", ws.file, "--auto-approve")).code).toBe(0);
  return ws;
}

/** Checks that a plan of the workspace's file has nothing to do (`--detailed-exitcode` exits 0). */
export async function expectNoChanges(ws: StackWorkspace): Promise<void> {
  expect((await ws.cli("plan", ws.file, "--detailed-exitcode")).code).toBe(0);
}

/** Applies the workspace's file (exit 0), then checks that planning again has nothing to do. */
export async function expectApplyConverges(ws: StackWorkspace, ...applyFlags: string[]): Promise<void> {
  expect((await ws.cli("apply", ws.file, "--auto-approve", ...applyFlags)).code).toBe(0);
  await expectNoChanges(ws);
}
