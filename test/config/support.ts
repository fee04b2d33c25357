import { loadDesiredStateFromText, type LoadOptions } from "../../src/config/load.js";
import { ConfigError } from "../../src/core/errors.js";
import { fakeEnv, fakeRegistry } from "./fake-kinds.js";

/** Joins lines into a file, so line numbers in expectations can be counted off the array. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

/** The three lines every resource test starts with (resources begin on line 4). */
export const HEADER = ["stack: corp-identity", "region: us-east-1", "resources:"];

/** The formatted diagnostics a file produces, or [] when it loads. */
export function diagnosticLines(content: string | Uint8Array, options: Partial<LoadOptions> = {}): string[] {
  try {
    loadDesiredStateFromText(content, "stack.yaml", { registry: fakeRegistry(), env: fakeEnv, ...options });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split("\n");
    throw error;
  }
}

/** Valid properties of a managed AD, as one YAML flow mapping. */
export const MANAGED_AD_PROPERTIES =
  "{ name: a.example.com, password: { env: AWS_AD_ADMIN_PASSWORD }, vpcSettings: { vpcId: vpc-0a1b2c3d, subnetIds: [subnet-0a1b2c3d, subnet-1a2b3c4d] } }";

/** A valid managed AD entry named `name`; `settings` (protect, ignoreChanges, …) come before its one-line properties. */
export function managedAdEntry(name: string, ...settings: string[]): string[] {
  return [`  ${name}:`, "    type: ds/microsoft-ad", ...settings, `    properties: ${MANAGED_AD_PROPERTIES}`];
}
