/**
 * The subset of a botocore service model that the local cloud needs: routing, operation
 * signatures and the validation-relevant parts of shapes. The generated `ds.ts`,
 * `workspaces.ts` and `pca-connector-ad.ts` next to this file are instances of it, written by
 * `scripts/extract-models.mjs`; this file is hand-written.
 */
export interface ServiceModel {
  readonly metadata: ServiceMetadata;
  readonly operations: Readonly<Record<string, OperationModel>>;
  readonly shapes: Readonly<Record<string, ShapeModel>>;
}

export interface ServiceMetadata {
  readonly apiVersion: string;
  /** `json` (awsJson) or `rest-json`. */
  readonly protocol: string;
  /** awsJson only, e.g. `1.1`. */
  readonly jsonVersion?: string;
  /** awsJson only: the part of `X-Amz-Target` before the dot. */
  readonly targetPrefix?: string;
  readonly endpointPrefix: string;
  /** SigV4 signing name; the endpoint prefix when absent. */
  readonly signingName?: string;
}

export interface OperationModel {
  readonly name: string;
  readonly http: { readonly method: string; readonly requestUri: string; readonly responseCode?: number };
  readonly input?: string;
  readonly output?: string;
  /** Names of the error shapes the operation may return. */
  readonly errors: readonly string[];
  readonly idempotent?: boolean;
}

export type ShapeType =
  | "structure"
  | "string"
  | "integer"
  | "long"
  | "boolean"
  | "list"
  | "map"
  | "timestamp"
  | "blob"
  | "float"
  | "double";

export interface MemberModel {
  readonly shape: string;
  /** rest-json binding: `uri`, `querystring`, `header`, `headers`; absent for the body. */
  readonly location?: string;
  readonly locationName?: string;
  readonly idempotencyToken?: boolean;
}

export interface ShapeModel {
  readonly type: ShapeType;
  readonly required?: readonly string[];
  readonly members?: Readonly<Record<string, MemberModel>>;
  /** Length for strings, lists and maps; value for numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** List element. */
  readonly member?: MemberModel;
  /** Map key and value. */
  readonly key?: MemberModel;
  readonly value?: MemberModel;
  /** A structure of which exactly one member must be set. */
  readonly union?: boolean;
  /** Never echoed in messages. */
  readonly sensitive?: boolean;
  readonly exception?: boolean;
  /** A server-side fault (5xx) rather than a client error. */
  readonly fault?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number; readonly senderFault?: boolean };
  readonly retryable?: { readonly throttling?: boolean };
}
