export { amendmentsPlugin } from './amendments.plugin';
export { AMENDMENTS_PLUGIN_ID } from './plugin-id';
export { AMENDMENT_ACTIONS, type AmendmentAction } from './amendments.actions';
export { AmendmentErrorCode } from './amendments.errors';
export * from './commands/amendment.commands';
export { changeOf, mergeOrder, planMerge } from './commands/merge.handlers';
export * from './queries/amendment.queries';
export { AMENDMENT_ENTITIES, Amendment, AmendmentContest } from './entities/amendment.entity';
export { Migration20261128000900Amendments } from './migrations/Migration20261128000900Amendments';
