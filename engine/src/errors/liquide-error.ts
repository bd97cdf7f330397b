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
