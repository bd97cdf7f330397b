export * from './config';
export * from './database';
export * from './engine.module';
export * from './engine-persistence';
export * from './collectives/collective.entity';
export * from './logging/create-logger';
export * from './errors';
