/** One HTTP request as the local cloud's services see it. */
export interface LocalRequest {
  method: string;
  /** Raw path (still URI-encoded), without the query string. */
  path: string;
  query: URLSearchParams;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** What a service may use: the shared store, the clock, the settings, and who is calling. */
export interface ServiceContext {
  store: LocalStore;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now(): number;
  settings: LocalCloudSettings;
  account: string;
  region: string;
}

/** One emulated AWS service, the other side of the wire from a provider. */
export interface LocalService {
  /** Endpoint prefix, used in stats keys (`ds:DescribeDirectories`) and fault shapes. */
  readonly name: string;
  /** Whether this request is for this service (by X-Amz-Target, or by path and signing name). */
  matches(req: LocalRequest): boolean;
  /** The operation name, for stats and faults, or undefined when the request names none. */
  operationOf(req: LocalRequest): string | undefined;
  handle(req: LocalRequest, ctx: ServiceContext): Promise<LocalResponse> | LocalResponse;
  /** A throttling error in this service's own wire shape. */
  throttlingResponse(): LocalResponse;
  /**
   * An internal error (500) in this service's own wire shape, for injected `5xx` faults. When
   * absent the server derives one from `throttlingResponse` (see `defaultInternalErrorResponse`).
   */
  internalErrorResponse?(): LocalResponse;
}

export interface LocalCloudSettings {
  /** How long asynchronous creations (directories, connectors, registrations) take. */
  createDelayMs: number;
  /** How long asynchronous deletions take. */
  deleteDelayMs: number;
  /** Per-region directory limits, raised by the benchmark. */
  limits: { connectedDirectories: number; cloudOnlyMicrosoftAD: number; workspacesDirectories: number };
}

/** Service state, persisted as JSON so separate CLI processes see the same cloud. */
export interface LocalStore {
  /** The service's own namespace, created empty on first use. Mutate it, then call `save`. */
  namespace<T extends object>(service: string, empty: () => T): T;
  save(): void;
}

/**
 * A modelled service error, thrown by an operation handler and written by the protocol layer in
 * the service's own wire shape (`__type` + `Message`/`message` for awsJson).
 */
export class LocalServiceError extends Error {
  override readonly name = "LocalServiceError";
  constructor(
    /** The error shape's name in the service model, e.g. `EntityDoesNotExistException`. */
    readonly errorName: string,
    message: string,
    /** Further members of the error shape (e.g. WorkSpaces' `ResourceId`). */
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
