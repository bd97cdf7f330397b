import type { DrawOutcome } from '../sortition/types';
import type { LeximinOutcome } from '../sortition/draw-leximin';
import type { LeximinProgress } from '../sortition/leximin';
import type { AnySortitionProof } from '../sortition/leximin-types';
import type { DrawInput } from '../sortition/draw';
import type { ProofInput } from '../sortition/proof';

/** What the proof holds beyond the draw's input (the sortition's ids, seed, public value and dates). */
export type ProofContext = Omit<ProofInput, 'outcome' | 'pool' | 'seats' | 'substituteCount' | 'quotas'>;

/**
 * What the main thread gives a draw worker (`workerData`): the pure draw's input and, when the proof is to be
 * published, its context — the worker then assembles and hashes the proof too, so that the server's event
 * loop does not spend hundreds of milliseconds on the canonical JSON of a 2,000-volunteer proof.
 */
export type DrawWorkerInput = DrawInput & {
  readonly proof?: ProofContext;
  /** Only check that the quotas can be met together (the freeze's check): answers `feasible` or `refused`. */
  readonly checkOnly?: boolean;
};

/** What a draw worker posts back: progress as it goes, then one outcome or one error. */
export type DrawWorkerMessage =
  | { readonly type: 'progress'; readonly progress: LeximinProgress }
  | { readonly type: 'feasible' }
  | {
      readonly type: 'done';
      readonly outcome: DrawOutcome | LeximinOutcome;
      /** The sealed proof, when the input carried its context: verified by the worker. */
      readonly proof?: AnySortitionProof;
    }
  | {
      readonly type: 'refused';
      /** A `SortitionError` of the core (pool too small, quotas in conflict…): a 4xx for the organiser. */
      readonly kind: string;
      readonly params: Record<string, string | number>;
    }
  /** The sealed proof failed its own verification (the first difference): it must not be published. */
  | { readonly type: 'unverified'; readonly difference: string }
  | { readonly type: 'failed'; readonly message: string };
