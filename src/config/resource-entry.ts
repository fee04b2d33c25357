import { isMap, isSeq, type Node, type Pair } from "yaml";
import type { SourcePosition } from "../core/desired.js";
import { isJsonObject, type JsonObject } from "../core/json.js";
import type { Registry } from "../core/registry.js";
import type { ResourceKind } from "../core/resource-kind.js";
import { checkResourceName } from "./names.js";
import { hasSchemaPath, schemaPaths } from "./schema-paths.js";
import { closestMatch, suggestionFor } from "./suggest.js";
import { keyText, type YamlSource } from "./yaml-source.js";

/** A name written in the file together with where it was written. */
export interface Placed<T> {
  value: T;
  position: SourcePosition;
}

/** One entry under `resources`, read leniently so later checks can still run on a flawed entry. */
export interface ResourceEntry {
  name: string;
  position: SourcePosition;
  type?: string;
  /** Undefined when the type is missing or unknown (already reported). */
  kind?: ResourceKind;
  properties: JsonObject;
  /** The `properties` value node, for positions; undefined when the key is absent. */
  propertiesNode?: Node;
  /** False when `properties` is not a mapping (reported): checking it against the schema would only repeat that. */
  arePropertiesReadable: boolean;
  /** Where a problem with the properties as a whole is reported. */
  propertiesPosition: SourcePosition;
  dependsOn: Placed<string>[];
  ensure: "present" | "absent";
  protect: boolean;
  ignoreChanges: Placed<string>[];
}

/** Collects one diagnostic; the loader sorts and throws them all at the end. */
export type Report = (position: SourcePosition, message: string) => void;

/** The keys a resource entry may have. */
export const RESOURCE_KEYS = ["type", "properties", "dependsOn", "ensure", "protect", "ignoreChanges"] as const;

/** Reads one `name: { type, properties, ... }` entry, reporting every problem it finds. */
export function readResourceEntry(source: YamlSource, pair: Pair, registry: Registry, report: Report): ResourceEntry {
  const name = keyText(pair);
  const position = source.keyPosition(pair);
  const entry: ResourceEntry = {
    name,
    position,
    properties: {},
    arePropertiesReadable: true,
    propertiesPosition: position,
    dependsOn: [],
    ensure: "present",
    protect: false,
    ignoreChanges: [],
  };
  const nameProblem = checkResourceName(name);
  if (nameProblem) report(position, nameProblem);

  const node = pair.value ? source.resolve(pair.value as Node) : null;
  if (!isMap(node)) {
    report(source.valuePosition(pair), `resource "${name}" must be a mapping with \`type\` and \`properties\``);
    return entry;
  }
  const field = (key: string): Pair | undefined => source.pairOf(node, key);

  for (const item of node.items as Pair[]) {
    const key = keyText(item);
    if (!(RESOURCE_KEYS as readonly string[]).includes(key)) {
      report(source.keyPosition(item), `unknown key "${key}" in resource "${name}"${suggestionFor(key, RESOURCE_KEYS, "allowed keys")}`);
    }
  }

  readType(source, entry, field("type"), registry, report);
  readProperties(source, entry, field("properties"), report);
  entry.dependsOn = readNameList(source, field("dependsOn"), "dependsOn", "a list of resource names", report);
  readEnsure(source, entry, field("ensure"), report);
  readProtect(source, entry, field("protect"), report);
  entry.ignoreChanges = readNameList(source, field("ignoreChanges"), "ignoreChanges", "a list of property paths", report);
  if (entry.kind) checkIgnoreChanges(entry.kind, entry.ignoreChanges, report);
  return entry;
}

function readType(source: YamlSource, entry: ResourceEntry, pair: Pair | undefined, registry: Registry, report: Report): void {
  const known = registry.kinds.map((k) => k.type);
  const knownList = known.length > 0 ? `(known types: ${known.join(", ")})` : "(no resource types are registered)";
  if (!pair) {
    report(entry.position, `resource "${entry.name}" has no \`type\` ${knownList}`);
    return;
  }
  const type = source.valueOf(pair.value as Node | null);
  if (typeof type !== "string") {
    report(source.valuePosition(pair), `type must be a string such as ds/ad-connector ${knownList}`);
    return;
  }
  entry.type = type;
  entry.kind = registry.get(type);
  if (entry.kind) return;
  const closest = closestMatch(type, known);
  report(source.valuePosition(pair), `unknown type "${type}"${closest ? `; did you mean "${closest}"?` : ""} ${knownList}`);
}

function readProperties(source: YamlSource, entry: ResourceEntry, pair: Pair | undefined, report: Report): void {
  if (!pair) return;
  entry.propertiesPosition = source.keyPosition(pair);
  const value = source.valueOf(pair.value as Node | null);
  if (value === null) return;
  if (!isJsonObject(value)) {
    report(source.valuePosition(pair), "properties must be a mapping of property names to values");
    entry.arePropertiesReadable = false;
    return;
  }
  entry.properties = value;
  entry.propertiesNode = pair.value as Node;
}

function readNameList(source: YamlSource, pair: Pair | undefined, key: string, expected: string, report: Report): Placed<string>[] {
  if (!pair) return [];
  const node = pair.value ? source.resolve(pair.value as Node) : null;
  if (!isSeq(node)) {
    report(source.valuePosition(pair), `${key} must be ${expected}`);
    return [];
  }
  const names: Placed<string>[] = [];
  for (const item of node.items as Node[]) {
    const value = source.valueOf(item);
    if (typeof value === "string" && value !== "") names.push({ value, position: source.positionOf(item) });
    else report(source.positionOf(item), `${key} must be ${expected}; this item is not a non-empty string`);
  }
  return names;
}

function readEnsure(source: YamlSource, entry: ResourceEntry, pair: Pair | undefined, report: Report): void {
  if (!pair) return;
  const value = source.valueOf(pair.value as Node | null);
  if (value === "present" || value === "absent") entry.ensure = value;
  else report(source.valuePosition(pair), "ensure must be one of present, absent");
}

function readProtect(source: YamlSource, entry: ResourceEntry, pair: Pair | undefined, report: Report): void {
  if (!pair) return;
  const value = source.valueOf(pair.value as Node | null);
  if (typeof value === "boolean") entry.protect = value;
  else report(source.valuePosition(pair), "protect must be true or false");
}

function checkIgnoreChanges(kind: ResourceKind, paths: readonly Placed<string>[], report: Report): void {
  for (const { value: path, position } of paths) {
    if (hasSchemaPath(kind.schema, path)) continue;
    const closest = closestMatch(path, schemaPaths(kind.schema));
    report(position, `ignoreChanges: "${path}" is not a property path of ${kind.type}${closest ? `; did you mean "${closest}"?` : ""}`);
  }
}
