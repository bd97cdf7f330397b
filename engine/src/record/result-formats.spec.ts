import { closedBallotPayload } from './record-testing';
import { toPopoloVoteEvent, toResultsCsv } from './result-formats';

describe(toPopoloVoteEvent.name, () => {
  it('gives counts per option, the result, dates and the pseudonymous voters', () => {
    const ballot = closedBallotPayload('B1');
    const sut = toPopoloVoteEvent('c1', ballot, {
      openedAt: '2026-11-28T10:00:00.000Z',
      closedAt: '2026-11-28T18:00:00.000Z',
    });
    expect(sut).toEqual({
      id: 'B1',
      identifier: 'B1',
      motion_id: 'bill-1',
      organization_id: 'c1',
      start_date: '2026-11-28T10:00:00.000Z',
      end_date: '2026-11-28T18:00:00.000Z',
      result: 'pass',
      counts: [
        { option: 'yes', value: 3 },
        { option: 'no', value: 1 },
        { option: 'abstain', value: 0 },
        { option: 'absent', value: 1 },
      ],
      votes: [
        { voter_id: 'p2', option: 'yes', weight: 3 },
        { voter_id: 'p3', option: 'no', weight: 1 },
      ],
    });
  });

  it('leaves out the dates it does not know', () => {
    const sut = toPopoloVoteEvent('c1', closedBallotPayload('B1'), {});
    expect(sut).not.toHaveProperty('start_date');
    expect(sut).not.toHaveProperty('end_date');
  });
});

describe(toResultsCsv.name, () => {
  it('writes a header then option, weight and seats per option', () => {
    expect(toResultsCsv(closedBallotPayload('B1').result)).toBe(
      'option,weight,seats\r\nyes,3,2\r\nno,1,1\r\nabstain,0,0\r\nabsent,1,\r\n',
    );
  });
});
