/**
 * The service models' `pattern` constraints are Java regular expressions, checked by the
 * services against the whole value (Java's `Matcher.matches()`). This turns one into an
 * equivalent, fully anchored JavaScript RegExp with the `u` flag (which `\p{L}` and friends need).
 */

/** Java POSIX-style classes JavaScript lacks, as the contents of a character class. */
const javaClasses: Record<string, string> = {
  LD: "\\p{L}\\p{Nd}",
  Punct: "!-\\/:-@\\[-`{-~",
  Alpha: "A-Za-z",
  Digit: "0-9",
  Alnum: "A-Za-z0-9",
  Upper: "A-Z",
  Lower: "a-z",
  Space: " \\t\\n\\x0B\\f\\r",
  XDigit: "0-9a-fA-F",
};

/** Escapes the `u` flag still accepts for a punctuation character. */
const syntaxCharacters = new Set([..."^$\\.*+?()[]{}|/"]);

const cache = new Map<string, RegExp>();

/** The RegExp for a model pattern, matching only whole values; compiled once per pattern. */
export function compilePattern(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = build(pattern);
    cache.set(pattern, regex);
  }
  return regex;
}

function build(pattern: string): RegExp {
  const source = `^(?:${translate(pattern)})$`;
  try {
    return new RegExp(source, "u");
  } catch {
    // A few legacy patterns are only valid without `u` (Annex B syntax); they use no `\p{…}`.
    return new RegExp(`^(?:${pattern})$`);
  }
}

function translate(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch !== "\\") {
      if (ch === "[" && !inClass) inClass = true;
      else if (ch === "]" && inClass) inClass = false;
      out += ch;
      continue;
    }
    const next = pattern[i + 1] ?? "";
    const property = /^p\{(\w+)\}/.exec(pattern.slice(i + 1));
    if (property && javaClasses[property[1]] !== undefined) {
      const body = javaClasses[property[1]];
      out += inClass ? body : `[${body}]`;
      i += property[0].length;
    } else if (/[A-Za-z0-9]/.test(next) || syntaxCharacters.has(next) || (inClass && next === "-")) {
      out += ch + next;
      i += 1;
    } else {
      // Java allows escaping any punctuation; under `u` only syntax characters may be escaped.
      out += next;
      i += 1;
    }
  }
  return out;
}
