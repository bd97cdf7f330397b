/**
 * A ranking ballot being edited: the options top to bottom, and for each row whether it shares the rank of
 * the row above (a tie). Pure functions, so the keyboard, the buttons and drag and drop share one model.
 */
export interface RankingDraft {
  readonly order: readonly string[];
  /** Options that stand at the same rank as the row above them (never the first row). */
  readonly tiedWithAbove: ReadonlySet<string>;
}

/** The ballot's `ranking`: groups of options, best first. */
export function groupsOf(draft: RankingDraft): string[][] {
  const groups: string[][] = [];
  draft.order.forEach((option, index) => {
    if (index > 0 && draft.tiedWithAbove.has(option)) {
      groups[groups.length - 1].push(option);
    } else {
      groups.push([option]);
    }
  });
  return groups;
}

/** The draft a stored ranking reads as; options it leaves out come last, tied together. */
export function draftOf(ranking: readonly (readonly string[])[], options: readonly string[]): RankingDraft {
  const order: string[] = [];
  const tied = new Set<string>();
  for (const group of ranking) {
    group
      .filter((option) => options.includes(option) && !order.includes(option))
      .forEach((option, index) => {
        if (index > 0) {
          tied.add(option);
        }
        order.push(option);
      });
  }
  const rest = options.filter((option) => !order.includes(option));
  rest.forEach((option, index) => {
    if (index > 0 && order.length > 0 && ranking.length > 0) {
      tied.add(option);
    }
    order.push(option);
  });
  return { order, tiedWithAbove: tied };
}

/** The rank (1-based, ties sharing one) of `option`, and how many ranks there are. */
export function rankOf(draft: RankingDraft, option: string): { rank: number; ranks: number } {
  const groups = groupsOf(draft);
  return { rank: groups.findIndex((group) => group.includes(option)) + 1, ranks: groups.length };
}

/**
 * Moves `option` to row `to` (0-based). A moved row leaves its tie (it stands alone where it lands); the
 * row that came up under it keeps its own flag, except that the first row is never tied.
 */
export function moveTo(draft: RankingDraft, option: string, to: number): RankingDraft {
  const from = draft.order.indexOf(option);
  const target = Math.max(0, Math.min(draft.order.length - 1, to));
  if (from < 0 || from === target) {
    return draft;
  }
  const order = draft.order.filter((o) => o !== option);
  order.splice(target, 0, option);
  const tied = new Set(draft.tiedWithAbove);
  tied.delete(option);
  tied.delete(order[0]);
  return { order, tiedWithAbove: tied };
}

/** Toggles "same rank as the row above" for `option` (nothing happens on the first row). */
export function toggleTie(draft: RankingDraft, option: string): RankingDraft {
  const index = draft.order.indexOf(option);
  if (index <= 0) {
    return draft;
  }
  const tied = new Set(draft.tiedWithAbove);
  if (tied.has(option)) {
    tied.delete(option);
  } else {
    tied.add(option);
  }
  return { order: draft.order, tiedWithAbove: tied };
}
