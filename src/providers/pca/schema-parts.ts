/** Identifier schemas shared by the PCA kinds, with the service model's lengths and patterns. */
import type { JsonSchema } from "../../core/resource-kind.js";

const UUID = "[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}";

export function directoryIdSchema(description: string): JsonSchema {
  return { description, type: "string", pattern: "^d-[0-9a-f]{10}$" };
}

export function connectorArnSchema(description: string): JsonSchema {
  return { description, type: "string", minLength: 5, maxLength: 200, pattern: `^arn:[\\w-]+:pca-connector-ad:[\\w-]+:[0-9]+:connector\\/${UUID}$` };
}

export function directoryRegistrationArnSchema(description: string): JsonSchema {
  return {
    description,
    type: "string",
    minLength: 5,
    maxLength: 200,
    pattern: "^arn:[\\w-]+:pca-connector-ad:[\\w-]+:[0-9]+:directory-registration\\/d-[0-9a-f]{10}$",
  };
}

export function templateArnSchema(description: string): JsonSchema {
  return {
    description,
    type: "string",
    minLength: 5,
    maxLength: 200,
    pattern: `^arn:[\\w-]+:pca-connector-ad:[\\w-]+:[0-9]+:connector\\/${UUID}\\/template\\/${UUID}$`,
  };
}

export function certificateAuthorityArnSchema(description: string): JsonSchema {
  return { description, type: "string", minLength: 5, maxLength: 200, pattern: `^arn:[\\w-]+:acm-pca:[\\w-]+:[0-9]+:certificate-authority\\/${UUID}$` };
}
