import type { JsonObject } from "./json.js";

/** Where something was written in the desired-state file (1-based). */
export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

/** One resource as written in the file, validated but not resolved. */
export interface DesiredResourceSpec {
  /** Logical name, unique in the file: `[A-Za-z0-9_-]+`. */
  name: string;
  type: string;
  /** As written: `${name.attr}` references and `{ env | file }` secret sources left unresolved. */
  properties: JsonObject;
  /** Explicit `dependsOn` names (references add their own edges). */
  dependsOn: string[];
  /** `absent` deletes the resource explicitly. */
  ensure: "present" | "absent";
  /** Refuse any plan that would delete or replace it. */
  protect: boolean;
  /** Property paths excluded from plan and drift. */
  ignoreChanges: string[];
  position: SourcePosition;
  /** Positions of property paths (dotted), for diagnostics raised after loading. */
  propertyPositions: Record<string, SourcePosition>;
}

/** A loaded desired-state file. */
export interface DesiredState {
  file: string;
  /** SHA-256 of the file's bytes, hex: what a saved plan was computed from. */
  sourceHash: string;
  stack: string;
  region: string;
  /** In file order. */
  resources: DesiredResourceSpec[];
}
