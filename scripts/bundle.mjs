#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/cli/main.js and everything it imports) into dist/bundle/, one
 * chunk per lazily imported part. Node 20 has no compile cache, and resolving and loading some
 * two hundred small ES modules and package files was a third of `adstack validate`'s start-up.
 * The AWS SDKs stay in chunks of their own, loaded only by the commands that call AWS.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outdir = `${root}dist/bundle`;
/**
 * The `yaml` package's ES module build (its "browser" one, which uses nothing a browser lacks)
 * instead of its CommonJS build for Node, which reads process.env for a debug switch at every
 * token of the file it parses.
 */
const yamlEsm = {
  name: "yaml-esm",
  setup(bundler) {
    const yamlRoot = dirname(createRequire(import.meta.url).resolve("yaml/package.json"));
    bundler.onResolve({ filter: /^yaml$/ }, () => ({ path: join(yamlRoot, "browser", "index.js") }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The ES module builds: named exports of a CommonJS build would come back undefined from a dynamic import.
  mainFields: ["module", "main"],
  logLevel: "warning",
  plugins: [yamlEsm],
  // Node reads, decodes and compiles every byte of a module it loads; whitespace was a third of
  // them. Names stay, so stack traces still read, and the source map leads back to dist/.
  minifyWhitespace: true,
  sourcemap: true,
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __adstackCreateRequire } from "node:module"; const require = __adstackCreateRequire(import.meta.url);' },
});
