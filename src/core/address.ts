/** `TYPE.NAME`, e.g. `ds/trust.forest-trust`: how a resource is named in plans, events and errors. */
export type Address = string;

export function formatAddress(type: string, name: string): Address {
  return `${type}.${name}`;
}

/** Splits an address at the last dot before the name; logical names may not contain dots. */
export function parseAddress(address: Address): { type: string; name: string } {
  const dot = address.lastIndexOf(".");
  if (dot <= 0) throw new Error(`not an address: ${address}`);
  return { type: address.slice(0, dot), name: address.slice(dot + 1) };
}
