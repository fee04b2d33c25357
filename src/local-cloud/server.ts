import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createStore } from "./store.js";
import type { LocalCloudSettings, LocalRequest, LocalResponse, LocalService, ServiceContext } from "./types.js";
import { localServices } from "./services/index.js";

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where state is kept between processes; in memory when absent. */
  stateFile?: string;
  settings?: Partial<LocalCloudSettings>;
  account?: string;
  region?: string;
  now?: () => number;
  services?: readonly LocalService[];
}

export interface LocalCloud {
  url: string;
  port: number;
  stats(): LocalCloudStats;
  resetStats(): void;
  close(): Promise<void>;
}

export interface LocalCloudStats {
  calls: Record<string, number>;
  throttled: number;
}

export const defaultSettings: LocalCloudSettings = {
  createDelayMs: 1500,
  deleteDelayMs: 500,
  limits: { connectedDirectories: 10, cloudOnlyMicrosoftAD: 20, workspacesDirectories: 50 },
};

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const store = createStore(options.stateFile);
  const settings: LocalCloudSettings = {
    ...defaultSettings,
    ...options.settings,
    limits: { ...defaultSettings.limits, ...options.settings?.limits },
  };
  const services = options.services ?? localServices;
  const ctx: ServiceContext = {
    store,
    now: options.now ?? Date.now,
    settings,
    account: options.account ?? "123456789012",
    region: options.region ?? "us-east-1",
  };
  let stats: LocalCloudStats = { calls: {}, throttled: 0 };

  const serve = async (req: LocalRequest): Promise<LocalResponse> => {
    if (req.path === "/__local-cloud/stats") {
      if (req.method === "POST") stats = { calls: {}, throttled: 0 };
      return json(200, stats);
    }
    const service = services.find((s) => s.matches(req));
    if (!service) return json(404, { message: `no local service answers ${req.method} ${req.path}` });
    const operation = service.operationOf(req) ?? "Unknown";
    const key = `${service.name}:${operation}`;
    stats.calls[key] = (stats.calls[key] ?? 0) + 1;
    store.reload();
    return service.handle(req, ctx);
  };

  const server = createServer((incoming, outgoing) => {
    void respond(incoming, outgoing, serve);
  });
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = { calls: {}, throttled: 0 };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function respond(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  serve: (req: LocalRequest) => Promise<LocalResponse>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? "/", "http://local");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const rawPath = (incoming.url ?? "/").split("?")[0];
  let response: LocalResponse;
  try {
    response = await serve({
      method: incoming.method ?? "GET",
      path: rawPath,
      query: url.searchParams,
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
  } catch (error) {
    response = json(500, { message: `local cloud failure: ${(error as Error).message}` });
  }
  outgoing.writeHead(response.status, { "x-amzn-requestid": crypto.randomUUID(), ...response.headers });
  outgoing.end(response.body ?? "");
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): LocalResponse {
  return { status, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
