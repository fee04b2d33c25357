import type { AwsJsonCall } from "../protocols/aws-json.js";
import { LocalServiceError } from "../types.js";
import { connectorFailureTriggers } from "./ds-directories.js";
import { requireActive } from "./ds-lifecycle.js";
import { loadDsState, requireDirectory } from "./ds-state.js";

/**
 * CreateAlias: once per directory, never changed, and never reused by any directory — the model:
 * "After an alias has been created, it cannot be deleted or reused". The directory must be Active.
 */
export function createAlias(input: { DirectoryId: string; Alias: string }, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.DirectoryId);
  requireActive(directory, ctx.now(), "ClientException");
  if (directory.alias !== undefined) {
    throw new LocalServiceError(
      "EntityAlreadyExistsException",
      `Directory ${directory.id} already has the alias ${directory.alias}; an alias cannot be changed.`,
    );
  }
  const key = input.Alias.toLowerCase();
  if (state.aliases[key] !== undefined) {
    throw new LocalServiceError("EntityAlreadyExistsException", `The alias ${input.Alias} is already in use.`);
  }
  state.aliases[key] = directory.id;
  directory.alias = input.Alias;
  ctx.store.save();
  return { DirectoryId: directory.id, Alias: input.Alias };
}

interface SsoInput {
  DirectoryId: string;
  UserName?: string;
  Password?: string;
}

/**
 * EnableSso: needs an Active directory with an alias (the access URL is built from it). The
 * optional alternate credentials are checked and forgotten, as the service documents; the
 * `fail-on-purpose` password stands for credentials the domain rejects.
 */
export function enableSso(input: SsoInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.DirectoryId);
  requireActive(directory, ctx.now(), "ClientException");
  if (directory.alias === undefined) {
    throw new LocalServiceError("ClientException", `Directory ${directory.id} has no alias; create an alias before enabling single sign-on.`);
  }
  if (input.Password === connectorFailureTriggers.password) {
    throw new LocalServiceError("AuthenticationFailedException", "The user name or password is not valid.");
  }
  if (!directory.ssoEnabled) {
    directory.ssoEnabled = true;
    ctx.store.save();
  }
  return {};
}

/** DisableSso: on an Active directory; disabling it twice is not an error. */
export function disableSso(input: SsoInput, { ctx }: AwsJsonCall) {
  const state = loadDsState(ctx);
  const directory = requireDirectory(state, input.DirectoryId);
  requireActive(directory, ctx.now(), "ClientException");
  if (directory.ssoEnabled) {
    directory.ssoEnabled = false;
    ctx.store.save();
  }
  return {};
}
