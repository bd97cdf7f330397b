import { type DelegationGraph } from './graph';
import { type Resolution } from './resolution';
import { buildResult, groupByVoter, resultTail } from './result';
import { type MandateV1 } from './scenario';
import { CHOICES } from './types';
import { fromUnits } from './units';

/**
 * The result's JSON text, exactly `JSON.stringify(buildResult(…))`, written straight from the typed arrays
 * without building the result object (200,000 voter objects and their delegator arrays for a million
 * members, then walked again by `JSON.stringify`). Ids are written as they are when no character needs escaping, else with `JSON.stringify` (same escaping), numbers
 * with `String` (what `JSON.stringify` writes for finite numbers). An object orders integer-like keys ("12")
 * first and takes "__proto__" as its prototype; when a voter has such an id, the text is made from the object
 * so that it stays the same.
 */
export function buildResultJson(
  graph: DelegationGraph,
  resolution: Resolution,
  mandate: MandateV1 | undefined,
  idOrder: Int32Array,
): string {
  const ids = graph.members.ids();
  const { roots, start, members, lost } = groupByVoter(graph, resolution, idOrder);
  const parts: string[] = [];
  for (let i = 0; i < idOrder.length; i++) {
    const u = idOrder[i];
    if (roots[u] !== u) {
      continue;
    }
    const id = ids[u];
    if (isSpecialKey(id)) {
      return JSON.stringify(buildResult(graph, resolution, mandate, idOrder));
    }
    const count = start[u + 1] - start[u];
    const delegators = new Array<string>(count);
    for (let k = 0, at = start[u]; k < count; k++, at++) {
      delegators[k] = ids[members[at]];
    }
    const joined = delegators.join('","');
    const weight = resolution.countedFor(u);
    const excess = resolution.carried[u] - weight;
    parts.push(
      `${JSON.stringify(id)}:{"choice":"${CHOICES[graph.vote[u] - 1]}","weight":${String(fromUnits(weight))},` +
        `"delegators":${count === 0 ? '[]' : needsEscape(joined) ? JSON.stringify(delegators) : `["${joined}"]`}` +
        `${excess > 0 ? `,"excess":${String(fromUnits(excess))}` : ''}}`,
    );
  }
  const tail = JSON.stringify(resultTail(graph, resolution, mandate)).slice(1);
  return `{"voters":{${parts.join(',')}},"lost":${JSON.stringify(lost)},${tail}`;
}

/** True when `text` holds a character that `JSON.stringify` writes escaped: quote, backslash, control, surrogate. */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) {
      return true;
    }
  }
  return false;
}

/** "__proto__", or an array index ("0", "17"; up to 2^32 − 2), which an object would not keep in order. */
function isSpecialKey(id: string): boolean {
  if (id === '__proto__') {
    return true;
  }
  const first = id.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && id.length > 1) || id.length > 10) {
    return false;
  }
  for (let i = 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) {
      return false;
    }
  }
  return Number(id) < 2 ** 32 - 1;
}
