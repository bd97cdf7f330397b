import type { DrawOutcome } from '../sortition/types';
import type { LeximinOutcome } from '../sortition/draw-leximin';
import type { LeximinProgress } from '../sortition/leximin';
import type { DrawInput } from '../sortition/draw';

/** What the main thread gives a draw worker (`workerData`): the pure draw's input, nothing else. */
export type DrawWorkerInput = DrawInput;

/** What a draw worker posts back: progress as it goes, then one outcome or one error. */
export type DrawWorkerMessage =
  | { readonly type: 'progress'; readonly progress: LeximinProgress }
  | { readonly type: 'done'; readonly outcome: DrawOutcome | LeximinOutcome }
  | {
      readonly type: 'refused';
      /** A `SortitionError` of the core (pool too small, quotas in conflict…): a 4xx for the organiser. */
      readonly kind: string;
      readonly params: Record<string, string | number>;
    }
  | { readonly type: 'failed'; readonly message: string };
