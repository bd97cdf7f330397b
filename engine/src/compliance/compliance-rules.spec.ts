import { ComplianceLedger, complianceOf, complianceRate, countCompliance } from './compliance-rules';

describe(complianceOf.name, () => {
  it.each([
    ['yes', undefined, 'pending'],
    ['yes', { vote: 'no', source: 'declared' }, 'pending'],
    ['yes', { vote: 'yes', source: 'confirmed' }, 'followed'],
    ['abstain', { vote: 'abstain', source: 'imported' }, 'followed'],
    ['yes', { vote: 'no', source: 'imported' }, 'deviated'],
    ['no', { vote: 'abstain', source: 'confirmed' }, 'deviated'],
    ['abstain', { vote: 'absent', source: 'imported' }, 'absent'],
  ] as const)('instructed %s, actual %j → %s', (instructed, actual, expected) => {
    expect(complianceOf(instructed, actual)).toBe(expected);
  });
});

describe(complianceRate.name, () => {
  it('is followed over settled, pending left out, none while nothing is settled', () => {
    expect(complianceRate(countCompliance(['pending', 'pending']))).toBeNull();
    expect(complianceRate(countCompliance(['followed', 'deviated', 'absent', 'pending']))).toBe(33.3);
    expect(complianceRate(countCompliance(['followed', 'followed']))).toBe(100);
  });
});

describe(ComplianceLedger.name, () => {
  it('counts per deputy and for everyone, refusing votes without an instruction', () => {
    const sut = new ComplianceLedger();
    sut.instruct('b1', 'ana', 'yes');
    sut.instruct('b1', 'bea', 'no');
    sut.instruct('b2', 'ana', 'no');
    expect(sut.record('b1', 'ana', 'no', 'imported')).toBe('deviated');
    expect(sut.record('b1', 'bea', 'no', 'declared')).toBe('pending');
    expect(sut.record('b3', 'ana', 'yes', 'imported')).toBeUndefined();
    expect(sut.figures('ana')).toEqual({ followed: 0, deviated: 1, absent: 0, pending: 1 });
    expect(sut.figures()).toEqual({ followed: 0, deviated: 1, absent: 0, pending: 2 });
  });
});
