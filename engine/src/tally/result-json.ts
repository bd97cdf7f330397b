import { type DelegationGraph } from './graph';
import { type Resolution } from './resolution';
import { buildResult, groupByVoter, resultTail } from './result';
import { type MandateV1 } from './scenario';
import { CHOICES } from './types';
import { fromUnits } from './units';
import { JsonBytes } from './json-bytes';

/** The text of a voter entry from its choice to its weight, by choice code − 1. */
const VOTER_HEADS = CHOICES.map((choice) => `:{"choice":"${choice}","weight":`);

/**
 * The result's JSON text as UTF-8, exactly the bytes of `JSON.stringify(buildResult(…))`, written straight from
 * the typed arrays without building the result object (200,000 voter objects and their delegator arrays for a
 * million members, then walked again by `JSON.stringify`) nor the text as a string (then encoded again to be
 * written out). Ids are copied byte for byte when they are printable ASCII, else written as `JSON.stringify`
 * writes them (same escaping); numbers with `String` (what `JSON.stringify` writes for finite numbers). An
 * object orders integer-like keys ("12") first and takes "__proto__" as its prototype; when a voter has such
 * an id, the text is made from the object so that it stays the same.
 */
export function buildResultJsonBytes(
  graph: DelegationGraph,
  resolution: Resolution,
  mandate: MandateV1 | undefined,
  idOrder: Int32Array,
): Uint8Array {
  const ids = graph.members.ids();
  const { roots, start, members, lost } = groupByVoter(graph, resolution, idOrder);
  const out = new JsonBytes(20 * graph.n + 4096);
  out.ascii('{"voters":{');
  let first = true;
  for (let i = 0; i < idOrder.length; i++) {
    const u = idOrder[i];
    if (roots[u] !== u) {
      continue;
    }
    const id = ids[u];
    if (isSpecialKey(id)) {
      return new TextEncoder().encode(JSON.stringify(buildResult(graph, resolution, mandate, idOrder)));
    }
    if (!first) {
      out.byte(44);
    }
    first = false;
    out.string(id);
    out.ascii(VOTER_HEADS[graph.vote[u] - 1]);
    const weight = resolution.countedFor(u);
    out.ascii(String(fromUnits(weight)));
    out.ascii(',"delegators":[');
    for (let at = start[u], end = start[u + 1]; at < end; at++) {
      if (at > start[u]) {
        out.byte(44);
      }
      out.string(ids[members[at]]);
    }
    out.byte(93);
    const excess = resolution.carried[u] - weight;
    if (excess > 0) {
      out.ascii(',"excess":');
      out.ascii(String(fromUnits(excess)));
    }
    out.byte(125);
  }
  out.ascii('},"lost":[');
  for (let k = 0; k < lost.length; k++) {
    if (k > 0) {
      out.byte(44);
    }
    out.string(lost[k]);
  }
  out.ascii('],');
  out.any(JSON.stringify(resultTail(graph, resolution, mandate)).slice(1));
  return out.view();
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
