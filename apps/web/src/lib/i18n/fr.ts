import { core } from './fr/core';
import { lawMaking } from './fr/law-making';
import { notices } from './fr/notices';
import { organising } from './fr/organising';
import { petitions } from './fr/petitions';
import { secrecy } from './fr/secrecy';
import { voting } from './fr/voting';

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
} as const;

export type MessageKey = keyof typeof fr;
