import { AuthModule, definePlugin, type PluginDefinition } from '@liquide/engine';
import {
  CollectionSettings,
  DeliberationSettings,
  GlobalSettings,
  ModerationSettings,
  PETITION_PRESETS,
  SponsorshipSettings,
} from '../contracts';
import {
  AnswerPetitionHandler,
  ApplyBindingEffectHandler,
  ClosePetitionHandler,
} from './commands/closing.handlers';
import { ThresholdEffectsHandler } from './commands/effects.handlers';
import { ThresholdNoticesHandler } from './commands/threshold-notices.handler';
import {
  CommentPetitionHandler,
  DraftPetitionHandler,
  ModeratePetitionHandler,
  OpenSignaturesHandler,
  SponsorPetitionHandler,
  SubmitPetitionHandler,
} from './commands/lifecycle.handlers';
import { SignPetitionHandler, WithdrawSignatureHandler } from './commands/signature.handlers';
import { PETITION_ENTITIES } from './entities/petition-parts.entity';
import { PetitionsController } from './http/petitions.controller';
import { PetitionsGateway } from './live/petitions.gateway';
import { Migration20261128000700Petitions } from './migrations/Migration20261128000700Petitions';
import { PetitionAccess } from './petition-access';
import { PetitionScheduler } from './petition-scheduler';
import { PETITION_ACTIONS } from './petitions.actions';
import { PETITIONS_PLUGIN_ID } from './plugin-id';
import {
  GetPetitionHandler,
  ListCommentsHandler,
  ListPetitionsHandler,
  PetitionLiveStateHandler,
  PetitionOpenDataHandler,
} from './queries/petition.query-handlers';
import './petitions.errors';

/**
 * Binding e-petitions (seed proposal 11): sponsors, moderation, optional deliberation, signatures in a
 * window, thresholds with effects (answer with deadline, debate, binding ballot), territorial spread,
 * live counts and open data. See plugins/petitions/README.md and docs/plugins.md.
 */
export const petitionsPlugin = definePlugin({
  id: PETITIONS_PLUGIN_ID,
  version: '0.1.0',
  engineRange: '^0.1.0',
  dependsOn: [],
  title: { fr: 'Pétitions', en: 'Petitions' },
  description: {
    fr: 'Pétitions en ligne avec parrainage, modération, délibération, seuils et effet contraignant',
    en: 'E-petitions with sponsors, moderation, deliberation, thresholds and a binding effect',
  },
  settings: {
    global: GlobalSettings,
    phases: {
      sponsorship: SponsorshipSettings,
      moderation: ModerationSettings,
      deliberation: DeliberationSettings,
      collection: CollectionSettings,
    },
    presets: PETITION_PRESETS,
  },
  actions: PETITION_ACTIONS,
  entities: PETITION_ENTITIES,
  migrations: [{ name: 'Migration20261128000700Petitions', class: Migration20261128000700Petitions }],
  commandHandlers: [
    DraftPetitionHandler,
    SponsorPetitionHandler,
    SubmitPetitionHandler,
    ModeratePetitionHandler,
    OpenSignaturesHandler,
    CommentPetitionHandler,
    SignPetitionHandler,
    WithdrawSignatureHandler,
    ClosePetitionHandler,
    AnswerPetitionHandler,
    ApplyBindingEffectHandler,
  ],
  queryHandlers: [
    GetPetitionHandler,
    ListPetitionsHandler,
    ListCommentsHandler,
    PetitionLiveStateHandler,
    PetitionOpenDataHandler,
  ],
  eventHandlers: [ThresholdEffectsHandler, ThresholdNoticesHandler],
  controllers: [PetitionsController],
  gateways: [PetitionsGateway],
  providers: [PetitionAccess, PetitionScheduler],
  imports: [AuthModule],
  socketEvents: {
    clientToServer: ['petition:watch', 'petition:unwatch'],
    serverToClient: ['petition:signatures'],
  },
  web: {
    components: [
      {
        name: 'PetitionCard',
        path: 'plugins/petitions/src/web/PetitionCard.svelte',
        slot: 'collective.sidebar',
      },
      {
        name: 'PetitionSettingsForm',
        path: 'plugins/petitions/src/web/PetitionSettingsForm.svelte',
        slot: 'collective.plugin-settings',
      },
    ],
    routes: [
      {
        path: 'petitions',
        component: 'plugins/petitions/src/web/PetitionsPage.svelte',
        title: { fr: 'Pétitions', en: 'Petitions' },
      },
      {
        path: 'petitions/:petitionId',
        component: 'plugins/petitions/src/web/PetitionPage.svelte',
        title: { fr: 'Pétition', en: 'Petition' },
      },
    ],
  },
} satisfies PluginDefinition);
