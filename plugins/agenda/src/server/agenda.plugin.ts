import { AuthModule, definePlugin, type PluginDefinition } from '@liquide/engine';
import {
  AdmissionPolicy,
  AgendaGlobalSettings,
  DiscussionPolicy,
  VerificationPolicy,
  VotingPolicy,
} from '../contracts';
import { AGENDA_ACTIONS } from './agenda.actions';
import { AGENDA_PLUGIN_ID } from './agenda.commands';
import { AgendaController } from './agenda.controller';
import { AGENDA_ENTITIES } from './agenda.entities';
import { GetIssueHandler, ListAgendaHandler } from './agenda.queries';
import { AgendaScheduler } from './agenda-scheduler';
import { AgendaLiveGateway } from './live/agenda-live.gateway';
import {
  AddInitiativeHandler,
  CreateAreaHandler,
  CreateIssueHandler,
  RateSuggestionHandler,
  ReviseInitiativeHandler,
  SuggestHandler,
} from './authoring.handlers';
import { Migration20261202202000Agenda } from './migrations/Migration20261202202000Agenda';
import { Migration20261203301000AgendaVersions } from './migrations/Migration20261203301000AgendaVersions';
import { AdvanceIssueHandler, BallotClosedHandler } from './phase.handlers';
import { SupportInitiativeHandler } from './support.handlers';
import './agenda.errors';

export { AGENDA_PLUGIN_ID };

/**
 * LiquidFeedback's agenda (issue #20): areas, issues with competing initiatives, supporters' quorum in a
 * time limit, discussion with suggestions, frozen verification with a second quorum, then the engine's
 * preference ballot (Schulze) among the admitted initiatives and the status quo. See docs/agenda.md.
 */
export const agendaPlugin = definePlugin({
  id: AGENDA_PLUGIN_ID,
  version: '0.1.0',
  engineRange: '^0.1.0',
  dependsOn: [],
  title: { fr: 'Ordre du jour (LiquidFeedback)', en: 'Agenda (LiquidFeedback)' },
  description: {
    fr: 'Sujets en phases (admission par quorum, discussion, vérification, vote) et initiatives concurrentes départagées par un scrutin préférentiel',
    en: 'Issues in phases (admission by quorum, discussion, verification, voting) and competing initiatives decided by a preference ballot',
  },
  settings: {
    global: AgendaGlobalSettings,
    phases: {
      admission: AdmissionPolicy,
      discussion: DiscussionPolicy,
      verification: VerificationPolicy,
      voting: VotingPolicy,
    },
  },
  actions: AGENDA_ACTIONS,
  entities: AGENDA_ENTITIES,
  migrations: [
    { name: 'Migration20261202202000Agenda', class: Migration20261202202000Agenda },
    { name: 'Migration20261203301000AgendaVersions', class: Migration20261203301000AgendaVersions },
  ],
  commandHandlers: [
    CreateAreaHandler,
    CreateIssueHandler,
    AddInitiativeHandler,
    ReviseInitiativeHandler,
    SuggestHandler,
    RateSuggestionHandler,
    SupportInitiativeHandler,
    AdvanceIssueHandler,
  ],
  queryHandlers: [GetIssueHandler, ListAgendaHandler],
  eventHandlers: [BallotClosedHandler],
  gateways: [AgendaLiveGateway],
  controllers: [AgendaController],
  providers: [AgendaScheduler],
  imports: [AuthModule],
  socketEvents: { clientToServer: [], serverToClient: ['agenda:issue'] },
  web: {
    components: [],
    // implemented by apps/web (pages/agenda): the collective's tab and the issue page
    routes: [
      {
        path: 'agenda',
        component: 'apps/web/src/pages/agenda/AgendaPage.svelte',
        title: { fr: 'Ordre du jour', en: 'Agenda' },
      },
      {
        path: 'agenda/:issueId',
        component: 'apps/web/src/pages/agenda/IssuePage.svelte',
        title: { fr: 'Sujet', en: 'Issue' },
      },
    ],
  },
} satisfies PluginDefinition);
