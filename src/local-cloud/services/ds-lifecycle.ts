import { LocalServiceError } from "../types.js";
import type { DirectoryRecord, DomainControllerRecord, TrustRecord, TrustWalk } from "./ds-state.js";

/** A state and the instant it was entered. */
export interface Phase<S extends string> {
  state: S;
  since: number;
  reason?: string;
}

export type DirectoryStage = "Requested" | "Creating" | "Active" | "Failed" | "Updating" | "Deleting";

/** Where a directory is in its life at `now`, from the instants recorded when it was asked for. */
export function directoryStage(directory: DirectoryRecord, now: number): Phase<DirectoryStage> {
  if (directory.deletingAt !== undefined) return { state: "Deleting", since: directory.deletingAt };
  if (now < directory.creatingAt) return { state: "Requested", since: directory.createdAt };
  if (now < directory.readyAt) return { state: "Creating", since: directory.creatingAt };
  if (directory.failureReason) return { state: "Failed", since: directory.readyAt, reason: directory.failureReason };
  if (directory.updatingUntil !== undefined && now < directory.updatingUntil) {
    return { state: "Updating", since: directory.updateStartedAt ?? directory.readyAt };
  }
  return { state: "Active", since: Math.max(directory.readyAt, directory.updatingUntil ?? 0) };
}

/**
 * The directory if it is Active, else `errorName` (the operation's modelled error for "not now":
 * ClientException for most, DirectoryUnavailableException where the model lists it).
 */
export function requireActive(directory: DirectoryRecord, now: number, errorName: string): DirectoryRecord {
  const stage = directoryStage(directory, now).state;
  if (stage !== "Active") {
    throw new LocalServiceError(errorName, `Directory ${directory.id} is in the ${stage} stage; the operation needs an Active directory.`);
  }
  return directory;
}

/** The type check every MicrosoftAD-only operation starts with. */
export function requireMicrosoftAd(directory: DirectoryRecord, what: string): DirectoryRecord {
  if (directory.type !== "MicrosoftAD") {
    throw new LocalServiceError("UnsupportedOperationException", `${what} is not supported for ${directory.type} directory ${directory.id}.`);
  }
  return directory;
}

export type TrustState = "Creating" | "Created" | "Verifying" | "VerifyFailed" | "Updating" | "Updated" | "Deleting";

/** What the service answers when it cannot reach the remote domain: no other forest exists here. */
export const verifyFailedReason = "The specified domain either does not exist or could not be contacted.";

function walkStates(walk: TrustWalk, direction: string): TrustState[] {
  // "One-Way: Incoming" trusts are not verified from this side: the walk stops before Verifying.
  const verify: TrustState[] = direction === "One-Way: Incoming" ? [] : ["Verifying", "VerifyFailed"];
  if (walk === "create") return ["Creating", "Created", ...verify];
  if (walk === "update") return ["Updating", "Updated", ...verify];
  return ["Verifying", "VerifyFailed"];
}

/** The trust's state at `now`: its walk's states share the walk's duration, the last one stays. */
export function trustState(trust: TrustRecord, now: number): Phase<TrustState> {
  if (trust.deletingAt !== undefined) return { state: "Deleting", since: trust.deletingAt };
  const states = walkStates(trust.walk, trust.direction);
  const steps = states.length - 1;
  const elapsed = Math.max(0, now - trust.walkStartedAt);
  const index = trust.walkDurationMs <= 0 ? steps : Math.min(steps, Math.floor((elapsed * steps) / trust.walkDurationMs));
  const state = states[index];
  const since = trust.walkStartedAt + (steps === 0 ? 0 : Math.round((index * trust.walkDurationMs) / steps));
  const phase: Phase<TrustState> = { state, since };
  if (state === "VerifyFailed") phase.reason = verifyFailedReason;
  return phase;
}

export type DomainControllerStatus = "Creating" | "Active" | "Deleting";

export function domainControllerStatus(dc: DomainControllerRecord, now: number): Phase<DomainControllerStatus> {
  if (dc.deletingAt !== undefined) return { state: "Deleting", since: dc.deletingAt };
  if (now < dc.readyAt) return { state: "Creating", since: dc.createdAt };
  return { state: "Active", since: dc.readyAt };
}
