import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "../core/errors.js";
import type { SourcePosition } from "../core/desired.js";
import type { JsonValue } from "../core/json.js";
import { joinPath } from "../core/values.js";

/** More values than any real stack has; aliases can multiply a small file past it (the "billion laughs"). */
const MAX_VALUES = 1_000_000;
const MAX_DEPTH = 64;

/** Thrown inside the conversion to stop at the first structural problem; always caught here. */
class ConversionProblem extends Error {
  constructor(
    readonly node: Node,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A parsed desired-state file: the YAML nodes (for positions) and their JSON values, computed
 * once for the whole document. Aliases share the value of their anchor.
 */
export class YamlSource {
  private readonly values = new WeakMap<Node, JsonValue>();

  private constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Parses the text; syntax problems are returned, not thrown, every one with its position. */
  static parse(text: string, file: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
    const lineCounter = new LineCounter();
    let doc: Document;
    try {
      doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
    } catch (error) {
      if (error instanceof RangeError) return { diagnostics: [{ file, line: 0, col: 0, message: "the file is nested too deeply to parse" }] };
      throw error;
    }
    const source = new YamlSource(file, text, doc, lineCounter);
    const problems = [...doc.errors, ...doc.warnings].map((e) => ({ ...source.position(e.pos[0]), message: yamlMessage(e.code, e.message) }));
    if (problems.length > 0) return { diagnostics: problems };
    const conversion = source.convertAll();
    return conversion ? { diagnostics: [conversion] } : { source, diagnostics: [] };
  }

  get root(): Node | null {
    return this.doc.contents as Node | null;
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, col };
  }

  positionOf(node: Node | null | undefined): SourcePosition {
    return this.position(node?.range?.[0] ?? 0);
  }

  keyPosition(pair: Pair): SourcePosition {
    return this.positionOf(pair.key as Node);
  }

  /** The value's position; an empty value (`key:` with nothing after it) points at its key instead. */
  valuePosition(pair: Pair): SourcePosition {
    const value = pair.value as Node | null;
    if (value === null || (isScalar(value) && value.value === null && value.source === "")) return this.keyPosition(pair);
    return this.positionOf(value);
  }

  /** Where `needle` starts inside the node's own source text (for a reference inside a string), else the node. */
  positionWithin(node: Node, needle: string): SourcePosition {
    const range = node.range;
    if (!range) return this.positionOf(node);
    const index = this.text.slice(range[0], range[1]).indexOf(needle);
    return this.position(range[0] + Math.max(index, 0));
  }

  /** The JSON value of a node of this document (aliases resolved). */
  valueOf(node: Node | null | undefined): JsonValue {
    if (node === null || node === undefined) return null;
    return this.values.get(this.resolve(node)) ?? null;
  }

  /** The node itself, or what an alias points at. */
  resolve(node: Node): Node {
    return isAlias(node) ? ((node.resolve(this.doc) as Node | undefined) ?? node) : node;
  }

  /** The first entry of a mapping with the given key. */
  pairOf(map: Node | null | undefined, key: string): Pair | undefined {
    const node = map ? this.resolve(map) : undefined;
    return isMap(node) ? node.items.find((pair) => keyText(pair) === key) : undefined;
  }

  /**
   * Position of the key (or list item) or of the value at a dotted path below `node`; where the
   * path goes further than the file does, the deepest existing step; `fallback` when none exists.
   */
  locate(node: Node | null | undefined, path: string, at: "key" | "value", fallback: SourcePosition): SourcePosition {
    let current: Node | null | undefined = node;
    let position = fallback;
    for (const segment of path === "" ? [] : path.split(".")) {
      const resolved = current ? this.resolve(current) : undefined;
      if (isMap(resolved)) {
        const pair = this.pairOf(resolved, segment);
        if (!pair) return position;
        position = this.keyPosition(pair);
        current = pair.value as Node | null;
        if (at === "value") position = this.valuePosition(pair);
      } else if (isSeq(resolved) && /^\d+$/.test(segment) && Number(segment) < resolved.items.length) {
        current = resolved.items[Number(segment)] as Node;
        position = this.positionOf(current);
      } else {
        return position;
      }
    }
    return position;
  }

  /** The node at a dotted path below `node`, if the file has it. */
  nodeAt(node: Node | null | undefined, path: string): Node | undefined {
    let current: Node | null | undefined = node;
    for (const segment of path === "" ? [] : path.split(".")) {
      const resolved = current ? this.resolve(current) : undefined;
      if (isMap(resolved)) current = this.pairOf(resolved, segment)?.value as Node | null | undefined;
      else if (isSeq(resolved) && /^\d+$/.test(segment)) current = resolved.items[Number(segment)] as Node | undefined;
      else return undefined;
      if (current === null || current === undefined) return undefined;
    }
    return current ?? undefined;
  }

  /** Every duplicate key in every mapping, at the second key, pointing back at the first. */
  duplicateKeys(label: (path: readonly string[]) => string): Diagnostic[] {
    const found: Diagnostic[] = [];
    const visit = (node: Node | null, path: string[]): void => {
      if (isSeq(node)) node.items.forEach((item, i) => visit(item as Node, [...path, String(i)]));
      if (!isMap(node)) return;
      const firstByKey = new Map<string, Pair>();
      for (const pair of node.items) {
        const key = keyText(pair);
        const first = firstByKey.get(key);
        if (first) {
          const at = this.keyPosition(first);
          found.push({ ...this.keyPosition(pair), message: `${label(path)} "${key}" is defined twice (first at ${at.line}:${at.col})` });
        } else {
          firstByKey.set(key, pair);
          visit(pair.value as Node, [...path, key]);
        }
      }
    };
    visit(this.root, []);
    return found;
  }

  /** Dotted path → position of each key and list item under a node (aliases not followed). */
  positionsUnder(node: Node | null, prefix = "", into: Record<string, SourcePosition> = {}): Record<string, SourcePosition> {
    if (isMap(node)) {
      for (const pair of node.items) {
        const path = joinPath(prefix, keyText(pair));
        if (!(path in into)) into[path] = this.keyPosition(pair);
        this.positionsUnder(pair.value as Node, path, into);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const path = joinPath(prefix, String(i));
        into[path] = this.positionOf(item as Node);
        this.positionsUnder(item as Node, path, into);
      });
    }
    return into;
  }

  /** Converts the whole document once, refusing alias loops, alias bombs, deep nesting and non-JSON scalars. */
  private convertAll(): Diagnostic | undefined {
    const inProgress = new Set<Node>();
    const sizes = new WeakMap<Node, number>();
    let total = 0;
    const convert = (given: Node, depth: number): number => {
      const node = this.resolve(given);
      if (isAlias(node)) throw new ConversionProblem(given, `alias *${node.source} has no anchor before it`);
      if (inProgress.has(node)) throw new ConversionProblem(given, "this alias refers to a value that contains it");
      if (depth > MAX_DEPTH) throw new ConversionProblem(given, `values are nested more than ${MAX_DEPTH} levels deep`);
      let size = sizes.get(node);
      if (size === undefined) {
        inProgress.add(node);
        size = 1 + this.convertChildren(node, (child) => convert(child, depth + 1));
        inProgress.delete(node);
        sizes.set(node, size);
      }
      total += isAlias(given) ? size : 1;
      if (total > MAX_VALUES) throw new ConversionProblem(given, `the file holds more than ${MAX_VALUES} values once aliases are expanded`);
      return size;
    };
    try {
      if (this.root) convert(this.root, 0);
      return undefined;
    } catch (error) {
      if (error instanceof ConversionProblem) return { ...this.positionOf(error.node), message: error.message };
      if (error instanceof RangeError) return { file: this.file, line: 0, col: 0, message: "the file is nested too deeply to read" };
      throw error;
    }
  }

  /** Stores the node's value (children already converted by `convert`) and returns its children's expanded size. */
  private convertChildren(node: Node, convert: (child: Node) => number): number {
    let size = 0;
    if (isMap(node)) {
      const value: Record<string, JsonValue> = {};
      for (const pair of node.items) {
        if (!isScalar(pair.key)) throw new ConversionProblem(pair.key as Node, "keys must be plain names, not lists or mappings");
        if (pair.value !== null) size += convert(pair.value as Node);
        // defineProperty, not assignment: a `__proto__` key must stay a plain key, not set a prototype.
        Object.defineProperty(value, keyText(pair), { value: this.valueOf(pair.value as Node | null), enumerable: true, writable: true, configurable: true });
      }
      this.values.set(node, value);
    } else if (isSeq(node)) {
      const items = node.items as Node[];
      for (const item of items) size += convert(item);
      this.values.set(node, items.map((item) => this.valueOf(item)));
    } else if (isScalar(node)) {
      const v = node.value;
      const isJson = v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
      const written = node.source ?? String(v);
      if (!isJson) throw new ConversionProblem(node, `${written} is not a plain string, number, boolean or null; quote it to make it a string`);
      this.values.set(node, v as JsonValue);
    }
    return size;
  }
}

/** The text of a mapping key as JSON sees it (`1: x` has the key "1"). */
export function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** Rewords the few yaml messages that point at the library rather than the file. */
function yamlMessage(code: string, message: string): string {
  if (code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a `---` line); a desired-state file is a single document";
  if (code === "TAG_RESOLVE_FAILED") return `${message}; adstack files use plain YAML without custom tags`;
  if (message.includes("Maximum call stack size exceeded")) return `values are nested too deeply to parse (more than ${MAX_DEPTH} levels is refused)`;
  return message;
}
