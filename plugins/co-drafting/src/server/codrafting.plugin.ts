import { AuthModule, definePlugin, type PluginDefinition } from '@liquide/engine';
import { CoDraftingGlobalSettings, PHASE_SETTINGS } from '../contracts';
import { BillWorkflows } from './bill-workflow';
import { CO_DRAFTING_ACTIONS } from './codrafting.actions';
import {
  ConfigureBillHandler,
  ContributeHandler,
  MovePhaseHandler,
  PublishCoDraftedVersionHandler,
  SupportContributionHandler,
  WriteSynthesisHandler,
} from './commands/codrafting.handlers';
import { CoDraftingController } from './http/codrafting.controller';
import { Migration20261128001000CoDrafting } from './migrations/Migration20261128001000CoDrafting';
import { CO_DRAFTING_PLUGIN_ID } from './plugin-id';
import { GetCoDraftingHandler } from './queries/codrafting.queries';
import './codrafting.errors';

/**
 * Co-drafting (issue 8, after Parlement & Citoyens): a bill goes through phases (by default
 * presentation, consultation, synthesis, debate, bill, mobilisation) whose settings say what members
 * may do; members comment, argue, propose wording and support per article; organisers write a
 * synthesis per article and publish new versions through the engine's versioned texts.
 */
export const coDraftingPlugin = definePlugin({
  id: CO_DRAFTING_PLUGIN_ID,
  version: '0.1.0',
  engineRange: '^0.1.0',
  dependsOn: [],
  title: { fr: 'Co-écriture', en: 'Co-drafting' },
  description: {
    fr: 'Co-écrire un projet de loi article par article, par phases, avec synthèses et versions',
    en: 'Co-draft a bill article by article, in phases, with syntheses and versions',
  },
  settings: { global: CoDraftingGlobalSettings, phases: PHASE_SETTINGS },
  actions: CO_DRAFTING_ACTIONS,
  entities: [],
  migrations: [{ name: 'Migration20261128001000CoDrafting', class: Migration20261128001000CoDrafting }],
  commandHandlers: [
    ConfigureBillHandler,
    MovePhaseHandler,
    ContributeHandler,
    SupportContributionHandler,
    WriteSynthesisHandler,
    PublishCoDraftedVersionHandler,
  ],
  queryHandlers: [GetCoDraftingHandler],
  controllers: [CoDraftingController],
  providers: [BillWorkflows],
  imports: [AuthModule],
} satisfies PluginDefinition);
