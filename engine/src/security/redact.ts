/**
 * Longest text a log line carries, in characters. Anything longer is cut before redaction, so that
 * redaction and the log itself stay linear and small whatever a client sent (a 10 MB CSV cell quoted
 * in a driver error must not reach the log, nor overflow the regular-expression engine's stack).
 */
export const MAX_LOG_TEXT = 16_384;

/**
 * Removes what must never reach a log: tokens, passwords, e-mail addresses, credentials in URLs,
 * and the values MikroORM's DriverException messages inline into the SQL they quote.
 *
 * Every pattern runs in linear time: a run of characters is matched from its start only (look-behinds
 * keep a match from starting again inside the run) and no repeated group holds an alternation, so
 * V8 never keeps one backtracking entry per character.
 */
const RULES: readonly (readonly [RegExp, string])[] = [
  // JSON Web Tokens (three base64url parts, the first one a JSON header)
  [/(?<![\w-])eyJ[\w-]{4,}\.[\w-]*\.[\w-]*/g, '[token]'],
  // Authorization headers and bearer tokens
  [/\b(bearer|basic)\s+[^\s"',;]+/gi, '$1 [redacted]'],
  // password hashes
  [/\$argon2(id|i|d)\$[^\s"',)]+/g, '[hash]'],
  // user:password@ in URLs
  [/(?<![\w+.-])([a-z][\w+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/gi, '$1:[redacted]@'],
  // "password": "…", password=…, refreshToken: '…' (JSON, query strings, objects)
  [
    /(["']?(?<![\w-])(?=[\w-]*?(?:password|passwd|secret|token|authorization|cookie|api[_-]?key))(?=([\w-]+))\2["']?\s*[:=]\s*)("[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'|[^\s,;&}]+)/gi,
    '$1[redacted]',
  ],
  // SQL string literals (parameter values inlined in driver errors)
  [/'[^'\n]*(?:''[^'\n]*)*'/g, "'[redacted]'"],
  // e-mail addresses (a domain ending in letters: `user@127.0.0.1` in a database URL stays readable)
  [/(?<![\w.!#$%&*+=?^`{|}~-])[\w.!#$%&*+=?^`{|}~-]+@(?:[\w-]+\.)+[A-Za-z]{2,}\b/g, '[email]'],
];

/**
 * Cuts `text` to {@link MAX_LOG_TEXT} characters. The cut falls back to the last space before it, and
 * an SQL literal or a word left open by the cut is dropped: a half e-mail address or half a quoted
 * value would escape the rules above, which need the whole of it.
 */
export function truncateForLog(text: string, max = MAX_LOG_TEXT): string {
  if (text.length <= max) {
    return text;
  }
  let kept = text.slice(0, max);
  const space = kept.search(/\s\S*$/);
  kept = space >= max - 1024 ? kept.slice(0, space) : kept.slice(0, max - 1024);
  // an SQL literal opened before the cut and not closed: drop its visible part
  const quotes = (kept.match(/'/g) ?? []).length;
  if (quotes % 2 === 1) {
    kept = kept.slice(0, kept.lastIndexOf("'") + 1) + '[redacted]';
  }
  return `${kept} … [${text.length - kept.length} characters cut]`;
}

/** The text, cut to a bounded length, with every secret-looking part replaced by a placeholder. */
export function redactSecrets(text: string): string {
  return RULES.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    truncateForLog(text),
  );
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
