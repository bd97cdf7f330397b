export { petitionsPlugin } from './petitions.plugin';
export { PETITIONS_PLUGIN_ID } from './plugin-id';
export { PETITION_ACTIONS, type PetitionAction } from './petitions.actions';
export { PetitionErrorCode } from './petitions.errors';
export * from './commands/petition.commands';
export * from './queries/petition.queries';
export { PETITION_ENTITIES } from './entities/petition-parts.entity';
export { Migration20261128000700Petitions } from './migrations/Migration20261128000700Petitions';
