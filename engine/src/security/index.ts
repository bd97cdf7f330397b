export * from './http-security';
export * from './rate-limit.guard';
export * from './redact';
export * from './security.errors';
export * from './security.module';
export * from './client-address';
export * from './token-bucket';
export * from './shared-throttler.storage';
