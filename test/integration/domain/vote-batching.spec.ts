import { CommandBus } from '@nestjs/cqrs';
import { CastVoteCommand } from '@liquide/engine/votes/commands/cast-vote.command';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createBallot, createCollective, requestId } from './domain-fixtures';

const names = Array.from({ length: 40 }, (_, i) => `v${i}`);

describe('Votes sent together share one statement and one commit', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers each vote of a batch on its own: a broken one fails alone, refusals stay refusals', async () => {
    const c = await createCollective(
      sut.baseUrl,
      names.map((name) => ({ name, roles: 'member' })),
    );
    const { ballotId } = await createBallot(c.admin, c.id);
    const commands = sut.app.get(CommandBus);
    const cast = (ballot: string, accountId: string) =>
      commands.execute(new CastVoteCommand(ballot, accountId, 'yes', requestId('batch'))).then(
        (receipt) => ({ ok: true as const, receipt }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    const answers = await Promise.all([
      ...names.map((name) => cast(ballotId, c.users[name].accountId)),
      cast('not-a-uuid', c.users.v0.accountId),
      cast(ballotId, '00000000-0000-4000-8000-000000000000'),
    ]);
    const good = answers.slice(0, names.length);
    expect(good.every((answer) => answer.ok)).toBe(true);
    const [broken, stranger] = answers.slice(names.length);
    expect(broken.ok).toBe(false);
    expect(stranger).toMatchObject({ ok: false, error: { code: 'access.forbidden' } });

    const ballot = await c.admin.call<{ tally: { totals: { yes: number } } }>(
      'GET',
      `/api/ballots/${ballotId}`,
    );
    expect(ballot.body.tally?.totals.yes ?? null).toBe(null); // after-close by default: hidden
    const closed = await c.admin.call<{ result: { totals: { yes: number; absent: number } } }>(
      'POST',
      `/api/ballots/${ballotId}/close`,
    );
    expect(closed.body.result.totals).toMatchObject({ yes: names.length, absent: 1 });
  });
});
