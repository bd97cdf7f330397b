import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { tallyCommand } from './tally';

const scenario = {
  members: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  bill: { id: 'b1' },
  delegations: [{ from: 'a', scope: 'global', to: ['b'] }],
  votes: [{ member: 'b', choice: 'yes' }],
  mandate: { deputies: 2, seed: 's' },
};

describe(tallyCommand.name, () => {
  const directory = mkdtempSync(join(tmpdir(), 'liquide-cli-'));
  let stdout: string;
  let stderr: string;

  beforeEach(() => {
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  function file(name: string, content: string): string {
    const path = join(directory, name);
    writeFileSync(path, content);
    return path;
  }

  it('prints the result JSON of a scenario file', async () => {
    const sut = await tallyCommand([file('ok.json', JSON.stringify(scenario))]);

    expect(sut).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      voters: { b: { choice: 'yes', weight: 2, delegators: ['a'] } },
      lost: [],
      totals: { yes: 2, no: 0, abstain: 0, absent: 1 },
      seats: { yes: 2, no: 0, abstain: 0 },
    });
  });

  it('counts a method scenario (preference) with the weights of the delegations', async () => {
    const sut = await tallyCommand([
      file(
        'preference.json',
        JSON.stringify({
          members: scenario.members,
          bill: scenario.bill,
          delegations: scenario.delegations,
          method: { id: 'preference', options: { options: ['keep', 'new'], statusQuo: 'keep' }, seed: 's' },
          votes: [
            { member: 'b', ballot: { ranking: [['new'], ['keep']] } },
            { member: 'c', ballot: { ranking: [['keep']] } },
          ],
        }),
      ),
    ]);

    expect(sut).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      method: 'preference',
      voters: { b: { weight: 2, delegators: ['a'] } },
      outcome: {
        winner: 'new',
        pairwise: [
          [0, 1],
          [2, 0],
        ],
        beatStatusQuo: ['new'],
      },
    });
  });

  it('reads standard input for "-"', async () => {
    jest.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([JSON.stringify(scenario)]) as never);

    const sut = await tallyCommand(['-']);

    expect(sut).toBe(0);
    expect(JSON.parse(stdout).totals.yes).toBe(2);
  });

  it('exits with 1 naming the field and the rule for an invalid scenario', async () => {
    const invalid = { ...scenario, members: [...scenario.members, { id: 'd', weight: -1 }] };

    const sut = await tallyCommand([file('bad.json', JSON.stringify(invalid))]);

    expect(sut).toBe(1);
    expect(stderr).toContain('members[3].weight: must be a positive number');
    expect(stdout).toBe('');
  });

  it('exits with 1 for a file that is not JSON or cannot be read', async () => {
    expect(await tallyCommand([file('text.json', 'not json')])).toBe(1);
    expect(stderr).toContain('is not valid JSON');
    expect(await tallyCommand([join(directory, 'missing.json')])).toBe(1);
    expect(stderr).toContain('cannot read');
  });

  it('exits with 2 on a usage error', async () => {
    expect(await tallyCommand([])).toBe(2);
    expect(await tallyCommand(['a.json', '--frobnicate'])).toBe(2);
  });
});
