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
  const parts: string[] = [];
  write(value, parts, '$');
  return parts.join('');
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
