import { AuthModule, definePlugin, type PluginDefinition } from '@liquide/engine';
import { AmendmentPhaseSettings, AmendmentsGlobalSettings, VotePhaseSettings } from '../contracts';
import { AmendmentAccess } from './amendment-access';
import { AMENDMENT_ACTIONS } from './amendments.actions';
import { AmendmentBallotClosedHandler } from './commands/ballot-closed.handler';
import { CloseContestHandler, CreateContestHandler, RankContestHandler } from './commands/contest.handlers';
import { MergeAdoptedAmendmentsHandler, ResolveClosedBallotHandler } from './commands/merge.handlers';
import {
  ProposeAmendmentHandler,
  PutAmendmentToVoteHandler,
  SetAmendmentPhaseHandler,
  WithdrawAmendmentHandler,
} from './commands/proposal.handlers';
import { AMENDMENT_ENTITIES } from './entities/amendment.entity';
import { AmendmentsController } from './http/amendments.controller';
import { Migration20261128000900Amendments } from './migrations/Migration20261128000900Amendments';
import { AMENDMENTS_PLUGIN_ID } from './plugin-id';
import { BillAmendmentsHandler, GetAmendmentHandler, GetContestHandler } from './queries/amendment.queries';
import './amendments.errors';

/**
 * Amendments (issue 8): proposed per article while a bill's amendment phase is open, voted yes/no
 * through the liquid engine (a ballot on the same bill) or ranked with Schulze when they compete,
 * merged into a new version of the text when adopted. See plugins/amendments/README.md.
 */
export const amendmentsPlugin = definePlugin({
  id: AMENDMENTS_PLUGIN_ID,
  version: '0.1.0',
  engineRange: '^0.1.0',
  dependsOn: [],
  title: { fr: 'Amendements', en: 'Amendments' },
  description: {
    fr: 'Amendements article par article, votés par le moteur liquide et fusionnés dans le texte',
    en: 'Article-by-article amendments, voted through the liquid engine and merged into the text',
  },
  settings: {
    global: AmendmentsGlobalSettings,
    phases: { amendment: AmendmentPhaseSettings, vote: VotePhaseSettings },
  },
  actions: AMENDMENT_ACTIONS,
  entities: AMENDMENT_ENTITIES,
  migrations: [{ name: 'Migration20261128000900Amendments', class: Migration20261128000900Amendments }],
  commandHandlers: [
    SetAmendmentPhaseHandler,
    ProposeAmendmentHandler,
    WithdrawAmendmentHandler,
    PutAmendmentToVoteHandler,
    CreateContestHandler,
    RankContestHandler,
    CloseContestHandler,
    ResolveClosedBallotHandler,
    MergeAdoptedAmendmentsHandler,
  ],
  queryHandlers: [BillAmendmentsHandler, GetAmendmentHandler, GetContestHandler],
  eventHandlers: [AmendmentBallotClosedHandler],
  controllers: [AmendmentsController],
  providers: [AmendmentAccess],
  imports: [AuthModule],
} satisfies PluginDefinition);
