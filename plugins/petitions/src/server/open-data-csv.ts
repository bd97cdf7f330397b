import { toCsv, type CsvValue } from '@liquide/engine';
import type { PetitionOpenData } from '../contracts';

/**
 * The open-data export as one CSV table, `section,key,signatures,reached_at,response_due_at,detail`:
 * a `total` row, one `region` row per region, one `threshold` row per threshold (its target,
 * when it was reached, the answer deadline, the ballot or spread), and an `answer` row.
 */
export function openDataCsv(data: PetitionOpenData): string {
  const rows: CsvValue[][] = [
    ['section', 'key', 'signatures', 'reached_at', 'response_due_at', 'detail'],
    ['total', data.petition.id, data.signatures, null, null, data.petition.status],
    ...data.regions.map((region) => ['region', region.region, region.signatures, null, null, null]),
    ...data.thresholds.map((threshold) => [
      'threshold',
      threshold.id,
      threshold.signatures,
      threshold.reachedAt,
      threshold.responseDueAt,
      [
        threshold.effect,
        threshold.spread ? `spread ${threshold.spread.regionsMet.length}/${threshold.spread.required}` : null,
        threshold.ballotId ? `ballot ${threshold.ballotId}` : null,
      ]
        .filter(Boolean)
        .join('; '),
    ]),
    ['answer', data.answer.by, null, data.answer.answeredAt, data.answer.dueAt, data.answer.text],
  ];
  return toCsv(rows);
}
