import { commonUi } from './fr/common-ui';
import { core } from './fr/core';
import { deputies } from './fr/deputies';
import { drawJobs } from './fr/draw-jobs';
import { lawMaking } from './fr/law-making';
import { notices } from './fr/notices';
import { organising } from './fr/organising';
import { people } from './fr/people';
import { petitions } from './fr/petitions';
import { secrecy } from './fr/secrecy';
import { voting } from './fr/voting';
import { identity } from './fr/identity';
import { results } from './fr/results';
import { compliance } from './fr/compliance';
import { questions } from './fr/questions';
import { methods } from './fr/methods';
import { agenda } from './fr/agenda';
import { agendaForms } from './fr/agenda-forms';

/**
 * French messages (the default language), one file per area under `fr/`; `{name}` placeholders are
 * filled by `t`. A new area is a new file here and its twin under `en/`.
 */
export const fr = {
  ...core,
  ...voting,
  ...organising,
  ...petitions,
  ...lawMaking,
  ...secrecy,
  ...notices,
  ...identity,
  ...people,
  ...deputies,
  ...drawJobs,
  ...results,
  ...compliance,
  ...questions,
  ...commonUi,
  ...methods,
  ...agenda,
  ...agendaForms,
} as const;

export type MessageKey = keyof typeof fr;
