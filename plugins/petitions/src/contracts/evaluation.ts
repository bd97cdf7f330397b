import type { TerritorialSpread, Threshold } from './settings';

/** Signatures of a petition: the total and per region (members without a region count in the total only). */
export interface SignatureCounts {
  readonly total: number;
  readonly regions: Readonly<Record<string, number>>;
}

/** How far a territorial spread is met. */
export interface SpreadProgress {
  readonly met: boolean;
  /** k: regions that must reach their minimum. */
  readonly required: number;
  /** Regions at or above their minimum, sorted. */
  readonly regionsMet: readonly string[];
}

/** Evaluates "at least k of n regions each reaching its own minimum". */
export function evaluateSpread(
  spread: TerritorialSpread,
  regions: Readonly<Record<string, number>>,
): SpreadProgress {
  const regionsMet = new Set<string>();
  for (const [region, minimum] of Object.entries(spread.minimums)) {
    if ((regions[region] ?? 0) >= minimum) {
      regionsMet.add(region);
    }
  }
  if (spread.otherRegionsMinimum !== undefined) {
    for (const [region, count] of Object.entries(regions)) {
      if (!(region in spread.minimums) && count >= spread.otherRegionsMinimum) {
        regionsMet.add(region);
      }
    }
  }
  return {
    met: regionsMet.size >= spread.minRegions,
    required: spread.minRegions,
    regionsMet: [...regionsMet].sort(),
  };
}

/** Whether a threshold is met by these counts: the total, and the spread when it asks for one. */
export function thresholdMet(threshold: Threshold, counts: SignatureCounts): boolean {
  if (counts.total < threshold.signatures) {
    return false;
  }
  return threshold.spread ? evaluateSpread(threshold.spread, counts.regions).met : true;
}

/** The thresholds met now that were not reached before, in their listed order. */
export function newlyReached(
  thresholds: readonly Threshold[],
  counts: SignatureCounts,
  alreadyReached: ReadonlySet<string>,
): Threshold[] {
  return thresholds.filter(
    (threshold) => !alreadyReached.has(threshold.id) && thresholdMet(threshold, counts),
  );
}

/** `date` plus whole calendar months in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** When a collection window that opens at `openedAt` closes. */
export function windowEnd(openedAt: Date, window: { months: number } | { days: number }): Date {
  return 'months' in window
    ? addMonths(openedAt, window.months)
    : new Date(openedAt.getTime() + window.days * 86_400_000);
}
