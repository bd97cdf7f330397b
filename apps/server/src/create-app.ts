import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { applyHttpSecurity, LiveIoAdapter, type LiquideConfig } from '@liquide/engine';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';

/** Builds the configured application (used by `main.ts` and by the integration tests). */
export async function createApp(
  config: LiquideConfig,
  databaseUrl: string,
  logger: LoggerService | false = false,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '20mb' });
  app.set('trust proxy', 'loopback');
  keepConnections(app, config.http.keepAliveTimeoutMs);
  applyHttpSecurity(app, config);
  app.enableShutdownHooks();
  const adapter = new LiveIoAdapter(app, config);
  if (config.redis.url) {
    await adapter.connect(config.redis.url);
  }
  app.useWebSocketAdapter(adapter);
  const document = new DocumentBuilder()
    .setTitle('Liquide API')
    .setDescription('Liquid democracy with proportional, binding mandates')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(SwaggerModule.createDocument(app, document)));
  serveWebClient(app);
  return app;
}

/**
 * Idle keep-alive connections are kept `keepAliveMs` (Node's default is 5 s). Under load the server
 * accepts one new connection per event-loop turn (libuv), so clients that had to reconnect after
 * every pause would queue behind each other for seconds. The headers of a request must still come
 * within a second more than that (a client that never sends them is cut then, as before).
 */
function keepConnections(app: INestApplication, keepAliveMs: number): void {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = keepAliveMs + 1000;
}

/**
 * Serves the built web client (apps/web/dist) at `/`, with index.html for any other page GET. The server's
 * own paths never look for a file: a file lookup is a round trip through libuv's thread pool, so every API
 * GET and `/health` waited one more turn of the event loop for it (tens of milliseconds under load).
 */
function serveWebClient(app: NestExpressApplication): void {
  const web = join(__dirname, '..', '..', 'web', 'dist');
  if (!existsSync(join(web, 'index.html'))) {
    return;
  }
  const assets = express.static(web, { index: 'index.html' });
  const server = /^\/(api|socket\.io|health|\.well-known)(\/|$)/;
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || server.test(req.path)) {
      next();
      return;
    }
    assets(req, res, (error?: unknown) => (error ? next(error) : res.sendFile(join(web, 'index.html'))));
  });
}
