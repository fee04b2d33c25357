// Types of bounds.mjs, for the tests that hold refreshes to the benchmark's lower bounds.
export declare const PAGE_SIZES: { dsDirectories: number; dsTrusts: number; workspaces: number; pca: number };
export declare function minimumRefreshCalls(counts: Record<string, number>): Record<string, number>;
export declare function minimumEmptyRefreshCalls(): Record<string, number>;
export declare function minimumApplyWrites(counts: Record<string, number>): Record<string, number>;
export declare function sum(calls: Record<string, number>): number;
export declare function byService(calls: Record<string, number>): Record<string, number>;
export declare function rateLimitSeconds(calls: Record<string, number>, ratePerSecond: number, latencyMs: number): number;
export declare const CREATION_CHAIN_DEPTH: number;
