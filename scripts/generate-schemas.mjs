#!/usr/bin/env node
// Writes schemas/ from the built registry (run `npm run build` first; `npm run schemas` does both):
// the JSON Schemas for editors, and the kinds' validators precompiled for fast start-up.
// Stale files of kinds that no longer exist are removed, so schemas/ always mirrors the registry.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultRegistry } from "../dist/providers/index.js";
import { buildSchemaFiles } from "../dist/config/schema.js";
import { buildValidatorModule } from "../dist/config/validator-module.js";

const schemasDir = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");
const files = buildSchemaFiles(defaultRegistry());

mkdirSync(schemasDir, { recursive: true });
for (const name of readdirSync(schemasDir)) {
  if (name.endsWith(".schema.json") && !(name in files)) rmSync(join(schemasDir, name));
}
for (const [name, text] of Object.entries(files)) writeFileSync(join(schemasDir, name), text);
const validators = buildValidatorModule(defaultRegistry().kinds);
writeFileSync(join(schemasDir, "validators.mjs"), validators.module);
writeFileSync(join(schemasDir, "validators.d.mts"), validators.declaration);
console.log(`wrote ${Object.keys(files).length} schema file(s) and the precompiled validators to schemas/`);
