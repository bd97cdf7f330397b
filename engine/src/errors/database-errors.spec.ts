import { CommonErrorCode } from './common-errors';
import { databaseUnavailable, isDatabaseUnavailable } from './database-errors';
import { LiquideError } from './liquide-error';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe(isDatabaseUnavailable.name, () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'a backend terminated by the server',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    [
      'a statement cancelled by statement_timeout',
      withCode('canceling statement due to statement timeout', '57014'),
    ],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['the pg connect timeout', new Error('timeout expired')],
    [
      'the pool acquire timeout',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
    ['the watchdog refusal', databaseUnavailable()],
    [
      'the watchdog refusal wrapped by MikroORM',
      withCode('common.database_unavailable', CommonErrorCode.DatabaseUnavailable),
    ],
    [
      'a lost connection as the cause',
      Object.assign(new Error('vote failed'), { cause: withCode('x', 'EPIPE') }),
    ],
  ])('says yes for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "x"', '42601')],
    ['a refusal of the request', new LiquideError(CommonErrorCode.Forbidden)],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error', 'ECONNREFUSED'],
  ])('says no for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
