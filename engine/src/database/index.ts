export * from './connection-check';
export * from './database.module';
export * from './migrate';
export * from './mikro-orm.options';
export * from './pg-array';
