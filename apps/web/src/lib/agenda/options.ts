import { STATUS_QUO } from '@liquide/plugin-agenda/contracts';
import type { IssueView } from '../api/agenda';
import { t } from '../i18n/i18n.svelte';

/** An option of the issue's preference ballot as pages show it: its title and a short mark for tables. */
export interface OptionLabel {
  readonly id: string;
  readonly label: string;
  /** `A`, `B`… for the initiatives in their order, `SQ` for the status quo. */
  readonly mark: string;
}

/** The options of the vote: the initiatives put to it, then the status quo. */
export function optionLabels(issue: IssueView, optionIds?: readonly string[]): OptionLabel[] {
  const ids = optionIds ?? [
    ...issue.initiatives.filter((i) => i.status === 'admitted').map((i) => i.id),
    STATUS_QUO,
  ];
  const ordered = [...ids.filter((id) => id !== STATUS_QUO), ...ids.filter((id) => id === STATUS_QUO)];
  return ordered.map((id, index) => {
    const initiative = issue.initiatives.find((i) => i.id === id);
    return id === STATUS_QUO
      ? { id, label: t('agenda.statusQuo'), mark: 'SQ' }
      : { id, label: initiative?.title ?? id, mark: String.fromCharCode(65 + index) };
  });
}
