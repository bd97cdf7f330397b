export { questionsPlugin, QUESTIONS_PLUGIN_ID } from './questions.plugin';
export { Migration20261202101100Questions } from './migrations/Migration20261202101100Questions';
