export * from './connection-check';
export * from './database.module';
export * from './database-monitor';
export * from './migrate';
export * from './mikro-orm.options';
export * from './pg-array';
