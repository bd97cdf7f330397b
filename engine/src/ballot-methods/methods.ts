import type { z } from 'zod';
import { approvalMethod } from './approval';
import type { BallotMethod, MethodId, MethodOptionsBase } from './ballot-method';
import { d21Method } from './d21';
import { preferenceMethod } from './preference';

/** A method with its types erased: what the engine handles generically. */
export type AnyBallotMethod = BallotMethod<MethodOptionsBase, unknown, unknown>;

/**
 * The ballot methods the engine knows, by id. A method is registered here once (and documented in
 * docs/tally-rules.md): the server, `liquide verify` and the browser all count with the same code.
 */
export const BALLOT_METHOD_REGISTRY: Readonly<Record<MethodId, AnyBallotMethod>> = {
  preference: preferenceMethod,
  approval: approvalMethod,
  d21: d21Method,
};

/** The method of that id. */
export function ballotMethod(id: MethodId): AnyBallotMethod {
  return BALLOT_METHOD_REGISTRY[id];
}

/** A method's settings as one value: which method, its options (validated by the method). */
export interface MethodSpec {
  readonly id: MethodId;
  readonly options: MethodOptionsBase;
}

/** The zod schema validating `{ ballot }` for a method and its options (for field-named errors). */
export function ballotInputSchema(spec: MethodSpec): z.ZodType<unknown> {
  return ballotMethod(spec.id).ballotSchema(spec.options);
}
