import { createHash } from "node:crypto";
import { dirname, resolve } from "node:path";
import type { DesiredResourceSpec, DesiredState, SourcePosition } from "../core/desired.js";
import { ConfigError, type Diagnostic } from "../core/errors.js";
import type { Registry } from "../core/registry.js";
import { cloneJson } from "./property-paths.js";
import { checkDependencies } from "./references.js";
import type { Report, ResourceEntry } from "./resource-entry.js";
import { decodeSource, readSourceBytes } from "./source.js";
import { readStackDocument } from "./stack-document.js";
import { checkProperties } from "./validate-properties.js";
import { YamlSource } from "./yaml-source.js";
import { compareText } from "../core/text.js";

/** What loading needs besides the file: the kinds, the environment for secrets, a fallback region. */
export interface LoadOptions {
  /** The kinds `type:` may name. */
  registry: Registry;
  /** Where `env:` secrets are read from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Used when the file has no `region` (the caller passes AWS_REGION). */
  defaultRegion?: string;
  /** False for commands that never send a secret: `env:`/`file:` sources are not read. */
  readSecrets?: boolean;
}

/**
 * Loads and validates a desired-state file. Every problem in it is collected and thrown together
 * as one ConfigError, each with its position; nothing here calls AWS. Properties come back as
 * written: references and secret sources unresolved, schema defaults not filled in (the planner
 * applies defaults to desired and live alike, so an omitted default never shows as a change).
 * A resource marked `ensure: absent` may leave out required properties, and its secrets are not
 * read: deleting needs neither.
 */
export async function loadDesiredState(file: string, options: LoadOptions): Promise<DesiredState> {
  const bytes = await readSourceBytes(file);
  if (!(bytes instanceof Uint8Array)) throw new ConfigError([bytes]);
  return loadDesiredStateFromText(bytes, file, options);
}

/**
 * The same as loadDesiredState for content already in memory (tests, stdin). Synchronous; `file`
 * names the source in diagnostics and anchors relative `file:` secrets.
 */
export function loadDesiredStateFromText(content: string | Uint8Array, file: string, options: LoadOptions): DesiredState {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const sourceHash = createHash("sha256").update(bytes).digest("hex");
  const decoded = decodeSource(bytes, file);
  if ("diagnostic" in decoded) throw new ConfigError([decoded.diagnostic]);
  const wholeFile = (message: string): ConfigError => new ConfigError([{ file, line: 0, col: 0, message }]);
  if (decoded.text.trim() === "") throw wholeFile("the file is empty: it needs `stack`, `region` and `resources`");

  const parsed = YamlSource.parse(decoded.text, file);
  if (!parsed.source) throw new ConfigError(sortDiagnostics(parsed.diagnostics));
  const source = parsed.source;
  if (source.root === null) throw wholeFile("the file is empty (only comments): it needs `stack`, `region` and `resources`");

  const diagnostics: Diagnostic[] = source.duplicateKeys((path) => (path.length === 1 && path[0] === "resources" ? "resource name" : "key"));
  const report: Report = (position, message) => diagnostics.push({ ...position, message });
  const document = readStackDocument(source, options.registry, options.defaultRegion, report);
  const baseDir = dirname(resolve(file));
  for (const entry of document.entries) {
    if (!entry.kind || !entry.arePropertiesReadable) continue;
    for (const problem of checkProperties(entry.kind, entry.properties, { baseDir, env: options.env, isAbsent: entry.ensure === "absent", readSecrets: options.readSecrets })) {
      report(source.locate(entry.propertiesNode, problem.path, problem.at, entry.propertiesPosition), problem.message);
    }
  }
  checkDependencies(source, document.entries, report);

  if (diagnostics.length > 0 || document.stack === undefined || document.region === undefined) {
    throw new ConfigError(sortDiagnostics(diagnostics));
  }
  return { file, sourceHash, stack: document.stack, region: document.region, resources: document.entries.map((e) => toSpec(source, e)) };
}

function toSpec(source: YamlSource, entry: ResourceEntry): DesiredResourceSpec {
  const propertyPositions: Record<string, SourcePosition> = source.positionsUnder(entry.propertiesNode ?? null);
  return {
    name: entry.name,
    type: entry.type!,
    properties: cloneJson(entry.properties),
    dependsOn: [...new Set(entry.dependsOn.map((d) => d.value))],
    ensure: entry.ensure,
    protect: entry.protect,
    ignoreChanges: entry.ignoreChanges.map((i) => i.value),
    position: entry.position,
    propertyPositions,
  };
}

/** By position, then message; identical diagnostics (one cause reached twice) once. */
function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col || compareText(a.message, b.message));
  return sorted.filter((d, i) => i === 0 || d.line !== sorted[i - 1].line || d.col !== sorted[i - 1].col || d.message !== sorted[i - 1].message);
}
