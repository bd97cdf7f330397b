import { Logger } from '@nestjs/common';
import { renderError } from '../errors/http-exception.filter';
import { RedactingLogger } from '../logging/create-logger';
import { MAX_LOG_TEXT, redactSecrets } from './redact';

const JWT =
  'eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiIxMjMiLCJlbWFpbCI6ImFAYi5jIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

/** What MikroORM's DriverException says: the SQL with its parameter values inlined. */
const DRIVER_MESSAGE = `insert into "account" ("email", "password_hash", "display_name") values ('camille.dupont@example.org', '${HASH}', 'Camille') returning "id" - duplicate key value violates unique constraint "account_email_unique"`;

describe(redactSecrets.name, () => {
  const sut = redactSecrets;

  it('removes the values a driver error inlines into its SQL, keeping the statement and the reason', () => {
    const out = sut(DRIVER_MESSAGE);
    expect(out).not.toMatch(/camille|argon2|Camille/);
    expect(out).toMatch(/^insert into "account" \("email", "password_hash", "display_name"\) values/);
    expect(out).toMatch(/duplicate key value violates unique constraint "account_email_unique"$/);
  });

  it.each([
    ['a JWT', `token ${JWT} refused`, JWT],
    ['a bearer header', 'authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
    ['a JSON password', '{"email":"x","password":"hunter2 is long"}', 'hunter2'],
    ['a refresh token field', '{"refreshToken":"rt_9f8e7d6c5b4a"}', 'rt_9f8e7d6c5b4a'],
    ['a query-string secret', 'GET /callback?code=1&client_secret=s3cr3t&x=1', 's3cr3t'],
    ['credentials in a URL', 'Cannot reach postgres://liquide:pa55word@db:5432/liquide', 'pa55word'],
    ['an e-mail address', 'Import 12: line 3 (jean.martin+vote@mairie.example.fr) rejected', 'jean.martin'],
    ['an argon2 hash', `hash ${HASH} stored`, 'argon2'],
  ])('redacts %s', (_what, text, secret) => {
    expect(sut(text)).not.toContain(secret);
  });

  it('keeps the user and host of a database URL readable, hiding only its password', () => {
    expect(sut('Cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/liquide')).toBe(
      'Cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/liquide',
    );
    expect(sut('postgres://app:s3cret@db.internal:5432/liquide')).not.toContain('s3cret');
  });

  it('redacts a driver error quoting a 10 MB cell: no stack overflow, a bounded line, no secret', () => {
    const cell = `${'x'.repeat(10_000_000)}@example.org`;
    const message = `insert into "member" ("email", "display_name") values ('${cell}', 'Camille') - index row size 10000016 exceeds maximum 2704`;
    const out = sut(message);
    expect(out.length).toBeLessThanOrEqual(MAX_LOG_TEXT + 100);
    expect(out).toMatch(/^insert into "member" \("email", "display_name"\) values \('\[redacted\]/);
    expect(out).toMatch(/characters cut\]$/);
    expect(out).not.toContain('xxxxxxxx');
  });

  it.each([
    ['an e-mail address', `${'a '.repeat(8_190)}jean.martin@mairie.example.fr and more`, 'jean.martin'],
    ['a quoted value', `${'a '.repeat(8_000)}password: "hunter2 ${'b'.repeat(2_000)}"`, 'hunter2'],
    ['an SQL literal', `values ('camille ${'c '.repeat(20_000)}')`, 'camille'],
  ])('never leaves %s half-cut by the length bound', (_what, text, secret) => {
    expect(sut(text)).not.toContain(secret);
  });

  it('stays linear on inputs made to backtrack', () => {
    for (const text of [
      'a-'.repeat(500_000),
      'token'.repeat(200_000),
      "'".repeat(1_000_000),
      'a.'.repeat(500_000),
    ]) {
      expect(sut(text).length).toBeLessThanOrEqual(MAX_LOG_TEXT + 100);
    }
  });

  it('leaves ordinary messages alone', () => {
    const text = 'Closing ballot 0b6c8a51-3f1e-4c1e-9a0e-6b1f0c2d3e4f failed: timeout after 5000 ms';
    expect(sut(text)).toBe(text);
  });
});

describe('the 500 path and the logger', () => {
  it('logs an unknown error with its secrets redacted and answers a plain 500', () => {
    const logger = new Logger('test');
    const logged: string[] = [];
    jest.spyOn(logger, 'error').mockImplementation((message: unknown) => logged.push(String(message)));
    const error = Object.assign(new Error(DRIVER_MESSAGE), { name: 'UniqueConstraintViolationException' });
    const body = renderError(error, 'en', logger);
    expect(body).toEqual({ statusCode: 500, code: 'common.internal', message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/camille|argon2/);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/UniqueConstraintViolationException: insert into "account"/);
    expect(logged[0]).not.toMatch(/camille|argon2/);
  });

  it.each([false, true])('redacts every line the logger writes (json: %s)', (json) => {
    const written: string[] = [];
    const spies = (['stdout', 'stderr'] as const).map((stream) =>
      jest.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    );
    try {
      const sut = new RedactingLogger('Test', { json, colors: false });
      sut.log(`signed in camille@example.org with ${JWT}`);
      sut.error(new Error(`Bearer ${JWT}`));
      sut.error('Import failed', `Error: ${DRIVER_MESSAGE}\n    at x (y.ts:1:1)`);
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
    const output = written.join('');
    expect(output).toMatch(/signed in \[email\] with \[token\]/);
    expect(output).not.toMatch(/camille|eyJ|argon2/);
  });
});
