/**
 * JSON Schema fragments shared by the DS kinds, transcribed from the DS model (ds.service.json).
 * Patterns are written for JavaScript's `u` flag, which ajv uses. The service matches a pattern
 * against the whole value (Java's `matches()`), so a model pattern without `^…$` gets them here.
 */
import type { JsonSchema } from "../../core/resource-kind.js";

export const directoryIdSchema: JsonSchema = { type: "string", pattern: "^d-[0-9a-f]{10}$" };

export const directoryNameSchema: JsonSchema = {
  type: "string",
  pattern: "^([a-zA-Z0-9]+[\\\\.-])+([a-zA-Z0-9])+$",
};

export const shortNameSchema: JsonSchema = { type: "string", pattern: '^[^\\\\/:*?"<>|.]+[^\\\\/:*?"<>|]*$' };

export const descriptionSchema: JsonSchema = {
  type: "string",
  minLength: 0,
  maxLength: 128,
  pattern: "^([a-zA-Z0-9_])[\\\\a-zA-Z0-9_@#%*+=:?./!\\s-]*$",
};

export const vpcIdSchema: JsonSchema = { type: "string", pattern: "^(vpc-[0-9a-f]{8}|vpc-[0-9a-f]{17})$" };

export const subnetIdsSchema: JsonSchema = {
  type: "array",
  minItems: 1,
  uniqueItems: true,
  items: { type: "string", pattern: "^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$" },
};

export const ipv4Schema: JsonSchema = {
  type: "string",
  pattern: "^(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)$",
};

export const ipv6Schema: JsonSchema = {
  type: "string",
  pattern:
    "^(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1,6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))$",
};

export function ipListSchema(description: string, item: JsonSchema): JsonSchema {
  return { description, type: "array", minItems: 1, uniqueItems: true, items: item };
}

export const userNameSchema: JsonSchema = { type: "string", minLength: 1, pattern: "^[a-zA-Z0-9._-]+$" };

/** ConnectPassword: any characters, 1–128. */
export const connectPasswordSchema: JsonSchema = { type: "string", minLength: 1, maxLength: 128 };

export const networkTypeSchema: JsonSchema = { type: "string", enum: ["Dual-stack", "IPv4", "IPv6"] };

/** How a network type change is carried out, for the kinds' descriptions. */
export const networkTypeChange = "IPv4 → Dual-stack is changed in place (UpdateDirectorySetup NETWORK), any other change replaces the directory.";

export const aliasSchema: JsonSchema = {
  description: "Set once: the access URL becomes http://<alias>.awsapps.com; changing or removing it replaces the directory.",
  type: "string",
  minLength: 1,
  maxLength: 62,
  pattern: "^(?!D-|d-)([\\da-zA-Z]+)([-]*[\\da-zA-Z])*$",
};

export const ssoSchema: JsonSchema = {
  description: "Single sign-on for computers joined to the directory; needs `alias`. Only `enabled` is compared.",
  type: "object",
  additionalProperties: false,
  required: ["enabled"],
  properties: {
    enabled: { description: "Whether single sign-on is on (EnableSso / DisableSso).", type: "boolean" },
    userName: {
      description: "AD Connector only: alternate account allowed to add the service principal name; write-only, used once.",
      ...userNameSchema,
    },
    password: { description: "Password of `userName`; write-only, never stored by the service.", ...connectPasswordSchema },
  },
};

const TAG_CHARACTERS = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";

/** 50 tags per directory, two of which are adstack's ownership tags. */
export const tagsSchema: JsonSchema = {
  description: "User tags (AddTagsToResource / RemoveTagsFromResource); adstack's ownership tags are added on top.",
  type: "object",
  maxProperties: 48,
  propertyNames: {
    minLength: 1,
    maxLength: 128,
    pattern: TAG_CHARACTERS,
    not: { pattern: "^(aws:|adstack:)", description: "the name is reserved: aws: keys belong to AWS, adstack: keys to adstack's ownership tags" },
  },
  additionalProperties: { type: "string", maxLength: 256, pattern: TAG_CHARACTERS },
};

/** An object with exactly the declared properties. */
export function closedObject(required: string[], properties: Record<string, JsonSchema>): JsonSchema {
  return { type: "object", additionalProperties: false, required, properties };
}

/** A directory kind's schema: its own properties, then alias, SSO and tags, where SSO needs the alias. */
export function directorySchema(required: string[], properties: Record<string, JsonSchema>): JsonSchema {
  return { ...closedObject(required, { ...properties, alias: aliasSchema, sso: ssoSchema, tags: tagsSchema }), ...ssoNeedsAlias };
}

/** EnableSso needs an alias (the access URL is built from it), so `sso.enabled: true` requires one. */
const ssoNeedsAlias: JsonSchema = {
  if: {
    type: "object",
    required: ["sso"],
    properties: { sso: { type: "object", required: ["enabled"], properties: { enabled: { const: true } } } },
  },
  then: { type: "object", required: ["alias"], properties: { alias: { type: "string" } } },
};
