export * from './common-errors';
export * from './database-errors';
export * from './error-catalog';
export * from './http-exception.filter';
export * from './liquide-error';
export * from './validation';
export * from './zod-validation.pipe';
