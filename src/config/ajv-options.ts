/**
 * The one ajv configuration, shared by the validators compiled at run time and the ones
 * precompiled into schemas/validators.mjs, and the hash that tells whether a precompiled
 * validator still matches its kind's schema. Imports nothing from ajv, so loading it is free.
 */
import { createHash } from "node:crypto";
import type { JsonSchema } from "../core/resource-kind.js";

/** Formats are not validated: kinds carry the service model's patterns instead, and an unknown format must not fail a load. */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  allowUnionTypes: true,
  validateFormats: false,
  messages: false,
} as const;

export function schemaHash(schema: JsonSchema): string {
  return createHash("sha256").update(JSON.stringify(schema)).digest("hex").slice(0, 32);
}
