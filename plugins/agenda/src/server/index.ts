export { agendaPlugin, AGENDA_PLUGIN_ID } from './agenda.plugin';
export { AGENDA_ACTIONS, type AgendaAction } from './agenda.actions';
export { AgendaErrorCode } from './agenda.errors';
export * from './agenda.commands';
export { GetIssueQuery, ListAgendaQuery, type IssueView, type InitiativeView } from './agenda.queries';
export { AGENDA_ENTITIES } from './agenda.entities';
export { Migration20261202202000Agenda } from './migrations/Migration20261202202000Agenda';
export { Migration20261203301000AgendaVersions } from './migrations/Migration20261203301000AgendaVersions';
