import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default (cores - 1) runs one file at a time on two cores, yet the slow files spend
    // most of their time waiting on CLI child processes and the local cloud's simulated delays.
    maxWorkers: Math.max(2, Math.round(availableParallelism() * 1.5)),
    setupFiles: ["test/support/deterministic-properties.ts"],
    // Tests that build raw SDK clients would print the SDK's Node 22 notice in every worker;
    // the CLI already turns it off (providers/aws/client-config.ts).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
