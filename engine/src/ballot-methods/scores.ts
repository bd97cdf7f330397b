/** Options ordered by score (highest first), equal scores by the seeded tie order. */
export function orderByScore(
  options: readonly string[],
  score: (option: string) => number,
  tieOrder: readonly string[],
): { order: string[]; tieBroken: boolean } {
  const tie = new Map(tieOrder.map((id, i) => [id, i]));
  const order = [...options].sort((a, b) => score(b) - score(a) || (tie.get(a) ?? 0) - (tie.get(b) ?? 0));
  const tieBroken = order.length > 1 && score(order[0]) === score(order[1]);
  return { order, tieBroken };
}
