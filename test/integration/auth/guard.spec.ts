import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EngineModule, loadConfig } from '@liquide/engine';
import {
  CurrentAccount,
  OptionalAuth,
  Public,
  TokenService,
  type AuthenticatedAccount,
} from '@liquide/engine/auth';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { call, newPerson } from './auth-test-kit';

@Controller('probe')
class ProbeController {
  @Get('protected')
  protected(@CurrentAccount() account: AuthenticatedAccount): { who: string } {
    return { who: account.email };
  }

  @Public()
  @Get('public')
  open(@CurrentAccount() account: AuthenticatedAccount | null): { who: string | null } {
    return { who: account?.email ?? null };
  }

  @OptionalAuth()
  @Get('optional')
  optional(@CurrentAccount() account: AuthenticatedAccount | null): { who: string | null } {
    return { who: account?.email ?? null };
  }

  @Public({ optional: true })
  @Get('optional-too')
  optionalToo(@CurrentAccount() account: AuthenticatedAccount | null): { who: string | null } {
    return { who: account?.email ?? null };
  }
}

@Public()
@Controller('open-probe')
class OpenProbeController {
  @Get()
  open(): { ok: true } {
    return { ok: true };
  }
}

@Module({})
class ProbeAppModule {}

describe('The global authentication guard', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let baseUrl: string;
  let token: string;
  let email: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', DATABASE_URL: db.url });
    app = await NestFactory.create(
      {
        module: ProbeAppModule,
        imports: [EngineModule.forRoot({ config, databaseUrl: db.url })],
        controllers: [ProbeController, OpenProbeController],
      },
      { logger: false },
    );
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    const person = newPerson('Lou');
    await call(baseUrl, 'POST', '/api/auth/register', { body: person });
    const registered = await call(baseUrl, 'POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
    token = registered.body.accessToken;
    email = person.email;
    expect(app.get(TokenService)).toBeInstanceOf(TokenService);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('requires a token on routes not marked public and gives the handler the account', async () => {
    expect((await call(baseUrl, 'GET', '/probe/protected')).status).toBe(401);
    const answer = await call(baseUrl, 'GET', '/probe/protected', { token });
    expect(answer).toMatchObject({ status: 200, body: { who: email } });
  });

  it('lets anyone into @Public() routes without reading the token', async () => {
    expect((await call(baseUrl, 'GET', '/probe/public')).body).toEqual({ who: null });
    expect((await call(baseUrl, 'GET', '/probe/public', { token })).body).toEqual({ who: null });
    expect((await call(baseUrl, 'GET', '/probe/public', { token: 'garbage' })).status).toBe(200);
    expect((await call(baseUrl, 'GET', '/open-probe')).status).toBe(200);
  });

  it.each(['/probe/optional', '/probe/optional-too'])(
    'lets anonymous callers into %s and still reads a token when one is sent',
    async (path) => {
      expect((await call(baseUrl, 'GET', path)).body).toEqual({ who: null });
      expect((await call(baseUrl, 'GET', path, { token })).body).toEqual({ who: email });
      const bad = await call(baseUrl, 'GET', path, { token: 'garbage' });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('auth.token_invalid');
    },
  );
});
