import { RedisIoAdapter, type LiquideConfig } from '@liquide/engine';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
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
  app.enableShutdownHooks();
  if (config.redis.url) {
    const adapter = new RedisIoAdapter(app);
    await adapter.connect(config.redis.url);
    app.useWebSocketAdapter(adapter);
  }
  const document = new DocumentBuilder()
    .setTitle('Liquide API')
    .setDescription('Liquid democracy with proportional, binding mandates')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(SwaggerModule.createDocument(app, document)));
  return app;
}
