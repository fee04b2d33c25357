// Types of stack.mjs, for the tests that reuse the benchmark's stacks.
export declare function composition(size: number): Record<string, number>;
export declare function stackYaml(size: number, stack?: string): string;
export declare const benchSecrets: Record<string, string>;
