/** Small readers and writers for JSON properties, shared by the DS kinds' request and response mapping. */
import { isJsonObject, type JsonObject, type JsonValue } from "../../core/json.js";

export function stringAt(properties: JsonObject, key: string): string | undefined {
  const value = properties[key];
  return typeof value === "string" ? value : undefined;
}

export function objectAt(properties: JsonObject, key: string): JsonObject {
  const value = properties[key];
  return isJsonObject(value) ? value : {};
}

export function stringsAt(properties: JsonObject, key: string): string[] | undefined {
  const value = properties[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
}

export function tagsAt(properties: JsonObject): Record<string, string> {
  return Object.fromEntries(Object.entries(objectAt(properties, "tags")).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
}

/** Set-like lists compare sorted; an absent or empty list reads as absent. */
export function sortedOrAbsent(list: readonly string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? [...list].sort() : undefined;
}

/** Drops undefined members, so an unset field is absent rather than null. */
export function compact(fields: Record<string, JsonValue | undefined>): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result[key] = value;
  return result;
}

/** A copy with the list at `key` sorted, when there is one; other values are left for validation to judge. */
export function withSortedList(properties: JsonObject, key: string, canonical: (item: string) => string = (s) => s): JsonObject {
  const value = properties[key];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return properties;
  return { ...properties, [key]: (value as string[]).map(canonical).sort() };
}
