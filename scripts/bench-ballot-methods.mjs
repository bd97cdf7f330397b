#!/usr/bin/env node
/**
 * Times the ballot methods on a random profile (docs/tally-rules.md, "Ballot methods", Figures): N members
 * (env N, default 100000), half of them ranking 5 of 10 options, the other half delegating to a random
 * member. Needs `npm run build` first (it reads engine/dist). Prints one line per measure.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const {
  tallyMethod,
  parseMethodScenario,
  methodResultFrom,
} = require('../engine/dist/ballot-methods/index.js');
const { LiveTally } = require('../engine/dist/tally/index.js');

function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(1);
const n = Number(process.env.N ?? 100_000);
const options = Array.from({ length: 10 }, (_, i) => `o${i}`);
const members = Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));
const delegations = [];
const votes = [];
for (let i = 0; i < n; i++) {
  if (next() < 0.5) {
    delegations.push({ from: `m${i}`, scope: 'global', to: [`m${Math.floor(next() * n)}`] });
  } else {
    const shuffled = [...options].sort(() => next() - 0.5);
    votes.push({ member: `m${i}`, ballot: { ranking: shuffled.slice(0, 5).map((o) => [o]) } });
  }
}
const base = { members, bill: { id: 'b' }, delegations };
const preference = { id: 'preference', options: { options, statusQuo: 'o0' }, seed: 's' };

function time(label, work) {
  const start = process.hrtime.bigint();
  const value = work();
  process.stdout.write(`${label}: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms\n`);
  return value;
}

process.stdout.write(`${n} members, ${votes.length} voters, ${options.length} options\n`);
time('tallyMethod preference', () => tallyMethod({ ...base, method: preference, votes }));
const approvals = votes.map((v) => ({
  member: v.member,
  ballot: { approve: v.ballot.ranking.flat().slice(0, 3) },
}));
time('tallyMethod approval', () =>
  tallyMethod({ ...base, method: { id: 'approval', options: { options }, seed: 's' }, votes: approvals }),
);
const parsed = time('  validating the scenario', () =>
  parseMethodScenario({ ...base, method: preference, votes }),
);
const live = time('  building the core tally', () => new LiveTally(parsed.core));
time('  core result + Schulze count (a live push)', () =>
  methodResultFrom(live, parsed.ballots, parsed.spec),
);
