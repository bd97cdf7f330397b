import { commonUi } from './en/common-ui';
import { core } from './en/core';
import { deputies } from './en/deputies';
import { drawJobs } from './en/draw-jobs';
import { lawMaking } from './en/law-making';
import { notices } from './en/notices';
import { organising } from './en/organising';
import { people } from './en/people';
import { petitions } from './en/petitions';
import { secrecy } from './en/secrecy';
import { voting } from './en/voting';
import { identity } from './en/identity';
import { results } from './en/results';
import { compliance } from './en/compliance';
import { questions } from './en/questions';
import { methods } from './en/methods';
import { agenda } from './en/agenda';
import { agendaForms } from './en/agenda-forms';
import type { MessageKey } from './fr';

/** English messages, one file per area under `en/`; each area's type makes a missing key a compile error. */
export const en: Record<MessageKey, string> = {
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
};
