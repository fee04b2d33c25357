import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadDesiredStateFromText } from "../../src/config/load.js";
import { ConfigError } from "../../src/core/errors.js";
import { fakeEnv, fakeRegistry } from "./fake-kinds.js";

/** Fragments that make YAML-shaped text, so the generator reaches past the parser often. */
const FRAGMENTS = [
  "stack: s\n", "region: us-east-1\n", "resources:\n", "  a:\n", "  b:\n", "    type: ds/trust\n", "    type: ds/microsoft-ad\n",
  "    properties:\n", "      directoryId: ${b.directoryId}\n", "      password: { env: AWS_AD_ADMIN_PASSWORD }\n", "    dependsOn: [a]\n",
  "      name: x\n", "- ", "&x ", "*x ", "{", "}", "[", "]", ": ", "\t", "'", '"', "---\n", "? ", "!tag ", "${", "\n", " ", "#c\n",
];

describe("loadDesiredStateFromText on arbitrary input", () => {
  it("either loads or throws a ConfigError, never anything else", () => {
    const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(""));
    const content = fc.oneof(text, fc.string(), fc.uint8Array({ maxLength: 64 }));
    fc.assert(
      fc.property(content, (input) => {
        try {
          loadDesiredStateFromText(input, "any.yaml", { registry: fakeRegistry(), env: fakeEnv });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).diagnostics.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20240601, numRuns: 500 },
    );
  });
});
