import { isMap, isSeq, type Node, type Pair } from "yaml";
import type { Registry } from "../core/registry.js";
import { checkRegion, checkStackName } from "./names.js";
import { readResourceEntry, type Report, type ResourceEntry } from "./resource-entry.js";
import { suggestionFor } from "./suggest.js";
import { keyText, type YamlSource } from "./yaml-source.js";

const RESOURCES_SHAPE = "a mapping from logical name to resource (`resources: {}` for a stack that owns nothing)";

/** The keys the top level of a desired-state file may have. */
export const TOP_LEVEL_KEYS = ["stack", "region", "resources"] as const;

/** The top level of a desired-state file, read leniently: whatever is wrong has been reported. */
export interface StackDocument {
  stack?: string;
  region?: string;
  /** In file order; a duplicated name keeps its first definition. */
  entries: ResourceEntry[];
}

/** Reads `stack`, `region` and `resources`, reporting every problem with the document's shape. */
export function readStackDocument(source: YamlSource, registry: Registry, defaultRegion: string | undefined, report: Report): StackDocument {
  const document: StackDocument = { entries: [] };
  const root = source.root;
  const rootPosition = source.positionOf(root);
  if (!isMap(root)) {
    const found = isSeq(root) ? "a list" : "a single value";
    report(rootPosition, `the top level must be a mapping with \`stack\`, \`region\` and \`resources\`, not ${found}`);
    return document;
  }
  for (const pair of root.items as Pair[]) {
    const key = keyText(pair);
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      report(source.keyPosition(pair), `unknown top-level key "${key}"${suggestionFor(key, TOP_LEVEL_KEYS, "allowed keys")}`);
    }
  }

  const stack = source.pairOf(root, "stack");
  if (!stack) report(rootPosition, "missing `stack`: name the stack, e.g. `stack: corp-identity` (its name tags every resource it owns)");
  else document.stack = readName(source, stack, "stack", checkStackName, report);

  const region = source.pairOf(root, "region");
  if (region) document.region = readName(source, region, "region", checkRegion, report);
  else if (!defaultRegion) report(rootPosition, "missing `region`: add e.g. `region: us-east-1`, or set AWS_REGION");
  else {
    const problem = checkRegion(defaultRegion);
    if (problem) report({ file: source.file, line: 0, col: 0 }, `the default region (AWS_REGION): ${problem}`);
    else document.region = defaultRegion;
  }

  const resources = source.pairOf(root, "resources");
  if (!resources) {
    report(rootPosition, `missing \`resources\`: ${RESOURCES_SHAPE}`);
    return document;
  }
  const map = resources.value ? source.resolve(resources.value as Node) : null;
  if (!isMap(map)) {
    report(source.valuePosition(resources), `resources must be ${RESOURCES_SHAPE}`);
    return document;
  }
  const seen = new Set<string>();
  for (const pair of map.items as Pair[]) {
    const name = keyText(pair);
    if (seen.has(name)) continue;
    seen.add(name);
    document.entries.push(readResourceEntry(source, pair, registry, report));
  }
  return document;
}

function readName(source: YamlSource, pair: Pair, key: string, check: (value: string) => string | undefined, report: Report): string | undefined {
  const value = source.valueOf(pair.value as Node | null);
  if (typeof value !== "string" || value === "") {
    report(source.valuePosition(pair), `${key} must be a non-empty string`);
    return undefined;
  }
  const problem = check(value);
  if (problem) {
    report(source.valuePosition(pair), problem);
    return undefined;
  }
  return value;
}
