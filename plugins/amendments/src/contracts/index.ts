export * from './schulze';
export * from './settings';
export * from './amendment.schemas';
