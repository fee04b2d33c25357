import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createFaultDraw, defaultInternalErrorResponse, defaultSlowMs, faultProfileProblem, zeroFaultCounts } from "./faults.js";
import type { FaultKind, FaultProfile } from "./faults.js";
import { createRateLimiter, loadProfileProblem, pause, type LoadProfile } from "./load.js";
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
  /** The cloud's clock: asynchronous stages advance and rate-limit buckets refill by it. */
  now?: () => number;
  services?: readonly LocalService[];
  /** Latency and per-service rate limiting; none when absent. */
  load?: LoadProfile;
  /** Injected faults; none when absent. */
  faults?: FaultProfile;
}

export interface LocalCloud {
  url: string;
  port: number;
  stats(): LocalCloudStats;
  /** Zeroes the counts; the fault sequence carries on where it was. */
  resetStats(): void;
  close(): Promise<void>;
}

/**
 * What reached the cloud, as `GET /__local-cloud/stats` answers it. A call a service served is
 * in `calls`; a call turned away before the service saw it is in `throttled` or `faults` instead.
 */
export interface LocalCloudStats {
  /**
   * Calls a service handled, by `<service>:<Operation>` (`ds:Unknown` when it names no operation
   * the service knows): invalid input included, and `slow` and `lost` faults too.
   */
  calls: Record<string, number>;
  /** Calls the rate limiter answered with the service's throttling error. */
  throttled: number;
  /** Injected faults by kind; `throttle`, `5xx` and `reset` never reach the service. */
  faults: Record<FaultKind, number>;
  /** Every request outside `/__local-cloud/`, whatever became of it: 0 proves nothing was sent. */
  requests: number;
}

export const defaultSettings: LocalCloudSettings = {
  createDelayMs: 1500,
  deleteDelayMs: 500,
  limits: { connectedDirectories: 10, cloudOnlyMicrosoftAD: 20, workspacesDirectories: 50 },
};

/** How a request ends: an answer (perhaps held back), or a connection dropped without one. */
type Outcome = { response: LocalResponse; holdMs?: number } | { dropConnection: true };

const controlPath = "/__local-cloud";

/**
 * Starts the local cloud. Besides the services it answers `GET /__local-cloud/stats` and
 * `POST /__local-cloud/stats/reset` (also the older `POST /__local-cloud/stats`), which no
 * latency, limit or fault ever touches.
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const load = options.load ?? {};
  const loadProblem = loadProfileProblem(load);
  if (loadProblem) throw new Error(`local cloud load profile: ${loadProblem}`);
  const faultProblem = options.faults && faultProfileProblem(options.faults);
  if (faultProblem) throw new Error(`local cloud fault profile: ${faultProblem}`);

  const store = createStore(options.stateFile);
  const settings: LocalCloudSettings = {
    ...defaultSettings,
    ...options.settings,
    limits: { ...defaultSettings.limits, ...options.settings?.limits },
  };
  const services = options.services ?? localServices;
  const now = options.now ?? Date.now;
  const ctx: ServiceContext = { store, now, settings, account: options.account ?? "123456789012", region: options.region ?? "us-east-1" };
  const limiter = createRateLimiter(load, now);
  const drawFault = options.faults && options.faults.rate > 0 ? createFaultDraw(options.faults) : undefined;
  const slowMs = options.faults?.slowMs ?? defaultSlowMs;
  const closing = new AbortController();
  // Every request waiting out latency listens on this signal; hundreds at once are normal, not a leak.
  setMaxListeners(0, closing.signal);
  const emptyStats = (): LocalCloudStats => ({ calls: {}, throttled: 0, faults: zeroFaultCounts(), requests: 0 });
  let stats = emptyStats();

  const control = (req: LocalRequest): LocalResponse => {
    if (req.path === "/__local-cloud/stats" && req.method === "GET") return json(200, stats);
    if (req.path === "/__local-cloud/stats/reset" || (req.path === "/__local-cloud/stats" && req.method === "POST")) {
      if (req.method !== "POST") return json(405, { message: `use POST ${req.path}` });
      stats = emptyStats();
      return json(200, stats);
    }
    return json(404, { message: `no such endpoint; try GET /__local-cloud/stats or POST /__local-cloud/stats/reset` });
  };

  const serve = async (req: LocalRequest): Promise<Outcome> => {
    if (req.path === controlPath || req.path.startsWith(`${controlPath}/`)) return { response: control(req) };
    stats.requests += 1;
    const service = services.find((s) => s.matches(req));
    // Drawn and limited on arrival, before any waiting, so the sequence follows arrival order.
    const fault = service && drawFault?.();
    const admitted = !service || !limiter || limiter(service.name);
    await pause(load.latencyMs ?? 0, closing.signal);
    if (!service) return { response: json(404, { message: `no local service answers ${req.method} ${req.path}` }) };
    if (!admitted) {
      stats.throttled += 1;
      return { response: service.throttlingResponse() };
    }
    if (fault) stats.faults[fault] += 1;
    if (fault === "throttle") return { response: service.throttlingResponse() };
    if (fault === "5xx") return { response: service.internalErrorResponse?.() ?? defaultInternalErrorResponse(service) };
    if (fault === "reset") return { dropConnection: true };
    const key = `${service.name}:${service.operationOf(req) ?? "Unknown"}`;
    stats.calls[key] = (stats.calls[key] ?? 0) + 1;
    store.reload();
    const response = await service.handle(req, ctx);
    if (fault === "lost") return { dropConnection: true };
    return { response, holdMs: fault === "slow" ? slowMs : 0 };
  };

  const server = createServer((incoming, outgoing) => {
    void respond(incoming, outgoing, serve, closing.signal);
  });
  await listen(server, options.port ?? 0, options.host ?? "127.0.0.1");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    resetStats: () => {
      stats = emptyStats();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function respond(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  serve: (req: LocalRequest) => Promise<Outcome>,
  closing: AbortSignal,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const url = new URL(incoming.url ?? "/", "http://local");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  const rawPath = (incoming.url ?? "/").split("?")[0];
  let outcome: Outcome;
  try {
    outcome = await serve({
      method: incoming.method ?? "GET",
      path: rawPath,
      query: url.searchParams,
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
  } catch (error) {
    outcome = { response: json(500, { message: `local cloud failure: ${(error as Error).message}` }) };
  }
  if ("dropConnection" in outcome) {
    incoming.socket.destroy();
    return;
  }
  await pause(outcome.holdMs ?? 0, closing);
  if (outgoing.destroyed) return;
  const { response } = outcome;
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
