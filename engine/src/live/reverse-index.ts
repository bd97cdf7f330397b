/** Who names whom as a trustee (any scope), counted, to find a voter's delegators quickly. */
export type ReverseIndex = Map<string, Map<string, number>>;

/** Adds (1) or removes (-1) `from` as a delegator of each trustee. */
export function link(reverse: ReverseIndex, from: string, trustees: readonly string[], delta: 1 | -1): void {
  for (const trustee of trustees) {
    const delegators = reverse.get(trustee) ?? new Map<string, number>();
    const count = (delegators.get(from) ?? 0) + delta;
    if (count > 0) {
      delegators.set(from, count);
    } else {
      delegators.delete(from);
    }
    if (delegators.size > 0) {
      reverse.set(trustee, delegators);
    } else {
      reverse.delete(trustee);
    }
  }
}
