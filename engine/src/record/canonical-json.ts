/**
 * Canonical JSON, the text that Liquide hashes (see docs/record.md):
 * - objects: keys sorted by UTF-16 code units (JavaScript's default `sort()`), written `{"k":v,...}`;
 *   a key whose value is `undefined` is left out, as `JSON.stringify` does;
 * - arrays: elements in order, written `[a,b,...]`;
 * - strings, finite numbers, `true`, `false`, `null`: exactly as `JSON.stringify` writes them;
 * - no whitespace anywhere.
 * For JSON values this is the JSON Canonicalization Scheme (RFC 8785). Anything that is not a JSON value
 * (a non-finite number, a bigint, a function, a symbol, `undefined` in an array or at the top) is refused
 * with a TypeError, so two parties can never hash different texts for the same value.
 */
export function canonicalJson(value: unknown): string {
  try {
    return fast(value);
  } catch (error) {
    if (error !== NOT_PLAIN) {
      throw error;
    }
  }
  // something unusual (not a JSON value, a sparse array): the careful walk names it or writes it
  const parts: string[] = [];
  write(value, parts, '$');
  return parts.join('');
}

/** Thrown by {@link fast} at anything it does not write itself (made once: no stack taken each time). */
const NOT_PLAIN = new Error('not plain JSON');

/** Keys of the previous object and their sorted order: objects of one shape come in runs. */
let lastKeys: string[] = [];
let lastSorted: string[] = [];
const quotedKeys = new Map<string, string>();

/**
 * The same text as {@link write}, faster on large values (a closed ballot's scenario of a million members):
 * no path built for each value, strings concatenated, the sorted keys of an object reused for the next
 * object with the same keys.
 */
function fast(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw NOT_PLAIN;
      }
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        const length = value.length;
        let out = '[';
        for (let i = 0; i < length; i++) {
          if (i > 0) {
            out += ',';
          }
          out += fast(value[i]);
        }
        return `${out}]`;
      }
      if (value instanceof Date) {
        throw NOT_PLAIN;
      }
      const object = value as Record<string, unknown>;
      const keys = sortedKeys(object);
      const quote = keys.length > 32 ? JSON.stringify : quotedKey;
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const element = object[keys[i]];
        if (element === undefined) {
          continue;
        }
        if (out.length > 1) {
          out += ',';
        }
        out += `${quote(keys[i])}:${fast(element)}`;
      }
      return `${out}}`;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      break;
  }
  throw NOT_PLAIN;
}

function sortedKeys(object: Record<string, unknown>): string[] {
  const keys = Object.keys(object);
  if (keys.length === lastKeys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== lastKeys[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      return lastSorted;
    }
  }
  lastKeys = keys;
  lastSorted = [...keys].sort();
  return lastSorted;
}

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size > 10_000) {
      quotedKeys.clear();
    }
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: ${path} is ${value}, which JSON cannot represent`);
      }
      out.push(JSON.stringify(value));
      return;
    case 'object':
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((element, i) => {
          if (i > 0) {
            out.push(',');
          }
          write(element, out, `${path}[${i}]`);
        });
        out.push(']');
        return;
      }
      if (value instanceof Date) {
        throw new TypeError(`canonicalJson: ${path} is a Date; convert it to an ISO 8601 string first`);
      }
      writeObject(value as Record<string, unknown>, out, path);
      return;
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, which is not a JSON value`);
  }
}

function writeObject(value: Record<string, unknown>, out: string[], path: string): void {
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  out.push('{');
  keys.forEach((key, i) => {
    if (i > 0) {
      out.push(',');
    }
    out.push(JSON.stringify(key), ':');
    write(value[key], out, `${path}.${key}`);
  });
  out.push('}');
}

/**
 * The canonical JSON of an object whose values are given as their canonical JSON texts already (keys sorted
 * as {@link canonicalJson} sorts them): a large payload is then written once, by parts.
 */
export function canonicalObjectOfTexts(fields: Readonly<Record<string, string>>): string {
  const keys = Object.keys(fields).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${fields[key]}`).join(',')}}`;
}
