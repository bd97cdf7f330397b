import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyHttpSecurity, limitHttpConnections, LiveIoAdapter, type LiquideConfig } from '@liquide/engine';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { AppModule } from './app.module';
import { checkingIntervalFor, TimelyExpressAdapter } from './timely-express-adapter';

/** Builds the configured application (used by `main.ts` and by the integration tests). */
export async function createApp(
  config: LiquideConfig,
  databaseUrl: string,
  logger: LoggerService | false = false,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl),
    new TimelyExpressAdapter(checkingIntervalFor(config.http)),
    { logger, bodyParser: false },
  );
  // first: a connection over its address's cap is answered before anything else runs
  app.use(limitHttpConnections(app.getHttpServer(), config.http));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: ['text/csv', 'text/plain'], limit: '20mb' });
  app.set('trust proxy', 'loopback');
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
