import type { LocalService } from "../types.js";

/** Every emulated service, listed explicitly. */
export const localServices: readonly LocalService[] = [];
