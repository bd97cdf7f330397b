import { parseAnScrutin, parseRollCallCsv } from './roll-call';

describe(parseAnScrutin.name, () => {
  const scrutin = (decompte: unknown) =>
    JSON.stringify({
      scrutin: {
        uid: 'VTANR5L17V42',
        dateScrutin: '2026-11-30',
        ventilationVotes: { organe: { groupes: { groupe: { vote: { decompteNominatif: decompte } } } } },
      },
    });

  it('reads every nominative list, one-element lists written as objects and empty ones as null', () => {
    const sut = parseAnScrutin(
      scrutin({
        pours: { votant: [{ acteurRef: 'PA1' }, { acteurRef: 'PA2' }] },
        contres: { votant: { acteurRef: 'PA3' } },
        abstentions: null,
        nonVotants: { votant: { acteurRef: 'PA4' } },
      }),
    );
    expect(sut.problems).toEqual([]);
    expect(sut).toMatchObject({ reference: 'VTANR5L17V42', date: '2026-11-30', complete: true });
    expect(sut.rows.map((r) => [r.parliamentId, r.vote])).toEqual([
      ['PA1', 'yes'],
      ['PA2', 'yes'],
      ['PA3', 'no'],
      ['PA4', 'absent'],
    ]);
  });

  it('reports a votant without acteurRef, a file of another shape, and text that is not JSON', () => {
    expect(parseAnScrutin(scrutin({ pours: { votant: [{ mandatRef: 'PM1' }] } })).problems).toEqual([
      expect.objectContaining({ row: 1, where: 'groupe[0].pours.votant[0]', rule: 'acteurRef' }),
    ]);
    expect(parseAnScrutin('{"scrutins": []}').problems[0].rule).toBe('shape');
    expect(parseAnScrutin('not json').problems[0].rule).toBe('json');
  });
});

describe(parseRollCallCsv.name, () => {
  it('reads French and English vote words, comma or semicolon separated, and reports each bad row', () => {
    const sut = parseRollCallCsv('parliament_id;vote\nPA1;Pour\nPA2;abstain\n;contre\nPA4;peut-être\n');
    expect(sut.rows.map((r) => [r.parliamentId, r.vote])).toEqual([
      ['PA1', 'yes'],
      ['PA2', 'abstain'],
    ]);
    expect(sut.problems.map((p) => [p.row, p.where, p.rule])).toEqual([
      [3, 'line 4', 'parliament_id'],
      [4, 'line 5', 'vote'],
    ]);
    expect(sut.complete).toBe(false);
  });

  it('refuses a header without parliament_id and vote', () => {
    expect(parseRollCallCsv('id,choice\nPA1,yes').problems).toEqual([
      expect.objectContaining({ rule: 'header', where: 'line 1' }),
    ]);
  });
});
