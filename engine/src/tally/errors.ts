/** Why a live-tally operation was refused. */
export type TallyErrorCode = 'unknown-member' | 'invalid-delegation' | 'invalid-time';

/** Thrown by {@link LiveTally} operations given an argument that breaks a rule; the state is unchanged. */
export class TallyError extends Error {
  constructor(
    readonly code: TallyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}
