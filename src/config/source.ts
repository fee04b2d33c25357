import { isUtf8 } from "node:buffer";
import { open } from "node:fs/promises";
import type { Diagnostic } from "../core/errors.js";

/** Larger than any sensible stack; refusing early keeps a wrong path (a log, an image) from hanging the parser. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** The file's bytes, or why they cannot be used. Reads at most one byte past the limit, so devices and pipes cannot hang it. */
export async function readSourceBytes(file: string): Promise<Uint8Array | Diagnostic> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    return { file, line: 0, col: 0, message: `cannot read the file: ${describeFsError(error)}` };
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return { file, line: 0, col: 0, message: "cannot read the file: it is a directory" };
    const buffer = Buffer.alloc(MAX_SOURCE_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    return { file, line: 0, col: 0, message: `cannot read the file: ${describeFsError(error)}` };
  } finally {
    await handle.close();
  }
}

/** Turns the bytes into text, refusing anything that is not a reasonably sized UTF-8 text file. */
export function decodeSource(bytes: Uint8Array, file: string): { text: string } | { diagnostic: Diagnostic } {
  if (bytes.length > MAX_SOURCE_BYTES) {
    const limit = MAX_SOURCE_BYTES / (1024 * 1024);
    const message = `the file is larger than ${limit} MB; a desired-state file is YAML text well below that`;
    return { diagnostic: { file, line: 0, col: 0, message } };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { diagnostic: { file, ...positionOfByte(bytes, nul), message: "the file is binary (it contains a NUL byte); expected YAML text" } };
  }
  // Node's own check first; the byte-by-byte walk only runs to say where a bad file goes wrong.
  const bad = isUtf8(bytes) ? -1 : firstInvalidUtf8Byte(bytes);
  if (bad >= 0) {
    return { diagnostic: { file, ...positionOfByte(bytes, bad), message: "the file is not UTF-8 text; save it as UTF-8" } };
  }
  return { text: new TextDecoder("utf-8").decode(bytes) };
}

/** 1-based line and column (in characters) of a byte offset; the bytes before it must be valid UTF-8. */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset));
  return { line, col: [...before].length + 1 };
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and truncation included), or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1];
    const secondMin = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const secondMax = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < secondMin || second > secondMax) return i;
    for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += length;
  }
  return -1;
}

/** A short reason from a Node file-system error, without a stack or the syscall noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
