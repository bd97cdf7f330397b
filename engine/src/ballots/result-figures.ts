import type { MethodId, MethodTallyResult } from '../ballot-methods';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Seats, TallyResult, Totals } from '../tally';

/** Figures of a result as views show them: a method ballot has no yes / no / abstain and no seats. */
export interface ResultFigures {
  readonly totals: Totals;
  readonly seats: Seats | null;
  /** A method ballot's count: the weight cast and the method's outcome (pairwise matrix, scores…). */
  readonly method?: { readonly id: MethodId; readonly cast: number; readonly outcome: unknown };
}

export function resultFigures(result: TallyResult | MethodTallyResult | StoredFigures): ResultFigures {
  if ('method' in result) {
    return {
      totals: { yes: 0, no: 0, abstain: 0, absent: result.totals.absent },
      seats: null,
      method: { id: result.method, cast: result.totals.cast, outcome: result.outcome },
    };
  }
  return { totals: result.totals, seats: result.seats ?? null };
}

/** A result without its voters and lost members: what `ballot.result` stores (the whole is `result_text`). */
export type StoredFigures = Omit<TallyResult, 'voters' | 'lost'> | Omit<MethodTallyResult, 'voters' | 'lost'>;

/** The part of a result stored as `ballot.result` (jsonb) for the views, beside the whole as text. */
export function storedFigures(result: TallyResult | MethodTallyResult): StoredFigures {
  const { voters: _voters, lost: _lost, ...figures } = result;
  return figures;
}

/**
 * A closed ballot's stored result without its voters and lost members, which views do not show (for a large
 * ballot, nearly all of it: tens of MiB, kept as text in `result_text`); null before the close.
 */
export async function resultWithoutVoters(
  em: EntityManager,
  ballotId: string,
): Promise<StoredFigures | null> {
  const [row] = await em.execute<{ figures: StoredFigures | null }[]>(
    `select result as figures from ballot where id = ?`,
    [ballotId],
  );
  return row?.figures ?? null;
}
