import type { Address } from "../core/address.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../core/json.js";
import {
  isSecretSource,
  joinPath,
  resolveReferences,
  UNKNOWN,
  type Reference,
  type Resolved,
  type SecretSource,
} from "../core/values.js";

/** Outputs known so far, by address, and how a logical name in a reference maps to an address. */
export interface OutputBook {
  outputs: Map<Address, JsonObject>;
  addressOf: Map<string, Address>;
}

/** Raised when a reference has no value at apply time; names the reference, never a value. */
export class UnresolvedReferenceError extends Error {
  override readonly name = "UnresolvedReferenceError";
}

/**
 * The properties a kind receives: every `${name.attribute}` replaced with an output gathered so
 * far, and the secret source at each write-only path replaced with its value (elsewhere an
 * `{ env: ... }` mapping is ordinary data, such as a tag). The result lives only as long as the
 * call it is made for; `reveal` lets the caller remember which values to scrub from messages.
 */
export function resolveDesired(
  desired: JsonObject,
  book: OutputBook,
  reveal: (source: SecretSource) => string,
  writeOnly: readonly string[],
): JsonObject {
  const lookup = (ref: Reference): JsonValue => {
    const address = book.addressOf.get(ref.resource);
    const value = address === undefined ? undefined : book.outputs.get(address)?.[ref.attribute];
    if (value === undefined) {
      throw new UnresolvedReferenceError(`\${${ref.resource}.${ref.attribute}} has no value yet`);
    }
    return value;
  };
  const resolved = resolveReferences(desired, lookup);
  return revealSecrets(resolved, (source, path) => (writeOnly.includes(path) ? reveal(source) : source), "") as JsonObject;
}

function revealSecrets(value: Resolved, reveal: (source: SecretSource, path: string) => JsonValue, path: string): JsonValue {
  if (value === UNKNOWN) throw new UnresolvedReferenceError("a value is still unknown at apply time");
  if (Array.isArray(value)) return value.map((v, i) => revealSecrets(v, reveal, joinPath(path, String(i))));
  if (isJsonObject(value)) {
    if (isSecretSource(value)) return reveal(value, path);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v, reveal, joinPath(path, k))]));
  }
  return value as JsonValue;
}

/** Marker that replaces a secret value wherever it would have been shown. */
export const REDACTED = "(sensitive)";

/** Collects revealed secret values and scrubs them from any text about to leave the applier. */
export class SecretScrubber {
  private readonly values = new Set<string>();

  /** One- or two-character values would shred ordinary messages; schemas require longer secrets. */
  add(value: string): void {
    if (value.length >= 3) this.values.add(value);
  }

  scrub(text: string): string {
    let result = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      result = result.split(value).join(REDACTED);
    }
    return result;
  }
}
