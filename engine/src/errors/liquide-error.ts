/**
 * The one exception class of Liquide's features: a code registered with `defineErrors`, the
 * field it concerns (when a request field broke the rule) and the values its message names.
 */
export class LiquideError extends Error {
  constructor(
    readonly code: string,
    readonly options: {
      readonly field?: string;
      readonly params?: Readonly<Record<string, string | number>>;
    } = {},
  ) {
    super(code);
    this.name = 'LiquideError';
  }
}

/**
 * A {@link LiquideError} built without capturing a stack trace: for refusals on hot paths (each
 * event of a client flooding the socket is refused), an expected answer rather than a fault, where
 * the capture was the largest part of the cost (about 4 % of the server's time under a flood).
 */
export function refusal(code: string, options: LiquideError['options'] = {}): LiquideError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new LiquideError(code, options);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
