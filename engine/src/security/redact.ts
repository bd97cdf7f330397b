/**
 * Removes what must never reach a log: tokens, passwords, e-mail addresses, credentials in URLs,
 * and the values MikroORM's DriverException messages inline into the SQL they quote.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  // JSON Web Tokens (three base64url parts, the first one a JSON header)
  [/\beyJ[\w-]{4,}\.[\w-]*\.[\w-]*/g, '[token]'],
  // Authorization headers and bearer tokens
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // password hashes
  [/\$argon2(id|i|d)\$[^\s"',)]+/g, '[hash]'],
  // user:password@ in URLs
  [/\b([a-z][\w+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi, '$1:[redacted]@'],
  // "password": "…", password=…, refreshToken: '…' (JSON, query strings, objects)
  [
    /(["']?\b[\w-]*(?:password|passwd|secret|token|authorization|cookie|api[_-]?key)[\w-]*["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}]+)/gi,
    '$1[redacted]',
  ],
  // SQL string literals (parameter values inlined in driver errors)
  [/'(?:[^'\n]|'')*'/g, "'[redacted]'"],
  // e-mail addresses (a domain ending in letters: `user@127.0.0.1` in a database URL stays readable)
  [/[\w.!#$%&*+=?^`{|}~-]+@(?:[\w-]+\.)+[A-Za-z]{2,}\b/g, '[email]'],
];

/** The text with every secret-looking part replaced by a placeholder. */
export function redactSecrets(text: string): string {
  return RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Redacts strings, and the message and stack of errors, leaving other values as they are. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') {
    return redactSecrets(value);
  }
  if (value instanceof Error) {
    const copy = new Error(redactSecrets(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactSecrets(value.stack);
    return copy;
  }
  return value;
}
