export * from './env.schema';
export * from './liquide-config';
export * from './config.module';
