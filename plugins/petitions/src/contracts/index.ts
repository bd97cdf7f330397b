export * from './settings';
export * from './presets';
export * from './evaluation';
export * from './petition.schemas';
export * from './events';
