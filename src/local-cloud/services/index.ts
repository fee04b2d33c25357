import type { LocalService } from "../types.js";
import { directoryService } from "./ds.js";
import { pcaService } from "./pca.js";
import { workspacesService } from "./workspaces.js";

/** Every emulated service, listed explicitly. */
export const localServices: readonly LocalService[] = [directoryService, pcaService, workspacesService];
