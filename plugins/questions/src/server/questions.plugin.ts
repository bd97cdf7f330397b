import { AuthModule, definePlugin, type PluginDefinition } from '@liquide/engine';
import { QuestionsGlobalSettings } from '../contracts';
import { Migration20261202101100Questions } from './migrations/Migration20261202101100Questions';
import { QUESTION_ENTITIES } from './question.entities';
import { QUESTION_ACTIONS } from './questions.actions';
import {
  AnswerQuestionHandler,
  AskQuestionHandler,
  ModerateQuestionHandler,
  QUESTIONS_PLUGIN_ID,
  SupportQuestionHandler,
} from './questions.commands';
import { QuestionsController } from './questions.controller';
import { ListQuestionsHandler, QuestionsOpenDataHandler } from './questions.queries';
import './questions.errors';

export { QUESTIONS_PLUGIN_ID };

/**
 * Questions to deputies (seed inspiration "Questionnez vos élus"): members ask and support questions on a
 * bill, deputies answer publicly, organisers remove questions with a reason code, the asker is notified,
 * everything is open data. See plugins/questions/README.md.
 */
export const questionsPlugin = definePlugin({
  id: QUESTIONS_PLUGIN_ID,
  version: '0.1.0',
  engineRange: '^0.1.0',
  dependsOn: [],
  title: { fr: 'Questions aux député·es', en: 'Questions to deputies' },
  description: {
    fr: 'Les membres posent et soutiennent des questions sur un texte ; les député·es répondent publiquement',
    en: 'Members ask and support questions on a bill; deputies answer publicly',
  },
  settings: { global: QuestionsGlobalSettings },
  actions: QUESTION_ACTIONS,
  entities: QUESTION_ENTITIES,
  migrations: [{ name: 'Migration20261202101100Questions', class: Migration20261202101100Questions }],
  commandHandlers: [
    AskQuestionHandler,
    SupportQuestionHandler,
    AnswerQuestionHandler,
    ModerateQuestionHandler,
  ],
  queryHandlers: [ListQuestionsHandler, QuestionsOpenDataHandler],
  controllers: [QuestionsController],
  imports: [AuthModule],
  web: {
    components: [
      {
        name: 'BillQuestions',
        path: 'apps/web/src/components/questions/BillQuestions.svelte',
        slot: 'bill.after',
      },
    ],
    routes: [],
  },
} satisfies PluginDefinition);
