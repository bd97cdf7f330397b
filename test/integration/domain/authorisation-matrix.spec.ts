import { ACTIONS, isAllowed, type Action } from '@liquide/engine/access/policy';
import type { Role } from '@liquide/engine/members/member.entity';
import { request, registerUser, type ApiResponse, type ApiUser } from '../../support/api-client';
import { startTestApp, type TestApp } from '../../support/test-app';
import {
  createBallot,
  createCollective,
  importCsv,
  requestId,
  uniqueSlug,
  type Collective,
  type ErrorBody,
} from './domain-fixtures';

/** Everyone the matrix asks about: the four roles, an account without membership, and nobody. */
const CALLERS = ['member', 'organiser', 'deputy', 'observer', 'no-membership', 'anonymous'] as const;
type Caller = (typeof CALLERS)[number];

const ROLE_OF: Record<Caller, Role[]> = {
  member: ['member'],
  organiser: ['organiser'],
  deputy: ['deputy'],
  observer: ['observer'],
  'no-membership': [],
  anonymous: [],
};

interface World {
  readonly collective: Collective;
  readonly outsider: ApiUser;
  readonly billId: string;
  readonly ballotId: string;
  readonly importId: string;
}

/** What the policy says the caller gets: allowed, or the status of the refusal. */
function expected(action: Action, caller: Caller, isPublic: boolean): 'allowed' | 401 | 403 {
  if (isAllowed(action, ROLE_OF[caller], isPublic)) {
    return 'allowed';
  }
  return caller === 'anonymous' ? 401 : 403;
}

/** One real endpoint per action; `token` is undefined for anonymous callers. */
function callFor(
  baseUrl: string,
  world: World,
  action: Action,
  token: string | undefined,
): Promise<ApiResponse<ErrorBody>> {
  const c = world.collective.id;
  const call = (method: string, path: string, body?: unknown) =>
    request<ErrorBody>(baseUrl, method, path, { token, body });
  switch (action) {
    case 'collective.read':
      return call('GET', `/api/collectives/${c}`);
    case 'collective.configure':
      return call('PATCH', `/api/collectives/${c}/settings`, { timezone: 'Europe/Paris' });
    case 'topic.create':
      return call('POST', `/api/collectives/${c}/topics`, { slug: uniqueSlug('t'), name: 'Thème' });
    case 'member.manage':
      return call('GET', `/api/collectives/${c}/members/imports/${world.importId}`);
    case 'member.search':
      return call('GET', `/api/collectives/${c}/members?search=`);
    case 'bill.create':
      return call('POST', `/api/collectives/${c}/bills`, { title: 'Loi', articles: [{ text: 'Texte.' }] });
    case 'bill.read':
      return call('GET', `/api/collectives/${c}/bills`);
    case 'ballot.manage':
      return call('POST', `/api/collectives/${c}/ballots`, {
        billId: world.billId,
        opensAt: new Date(Date.now() + 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 7_200_000).toISOString(),
      });
    case 'ballot.read':
      return call('GET', `/api/ballots/${world.ballotId}`);
    case 'vote.cast':
      return call('PUT', `/api/ballots/${world.ballotId}/vote`, { choice: 'yes', requestId: requestId() });
    case 'delegation.manage':
      return call('GET', `/api/collectives/${c}/delegations/mine`);
    case 'representation.read':
      return call('GET', `/api/ballots/${world.ballotId}/representation`);
    case 'record.read':
      return call('GET', `/api/collectives/${c}/record`);
    case 'deputy.volunteer':
      return call('POST', `/api/collectives/${c}/volunteers`, {});
    case 'deputy.certify':
      // the creator (organiser and member) volunteers first (a second time answers 409, ignored)
      return request(baseUrl, 'POST', `/api/collectives/${c}/volunteers`, {
        token: world.collective.admin.token,
        body: {},
      }).then(() =>
        call('PUT', `/api/collectives/${c}/volunteers/${world.collective.adminId}/certification`, {
          certifiedOn: '2026-11-21',
          training: 'Formation',
        }),
      );
    case 'sortition.manage':
      return call('GET', `/api/collectives/${c}/volunteers`);
    case 'mandate.read-own':
      return call('GET', `/api/collectives/${c}/mandates/mine`);
    case 'mandate.read-public':
      return call('GET', `/api/bills/${world.billId}/mandates`);
    case 'compliance.declare':
      return call('GET', `/api/collectives/${c}/compliance/mine`);
    case 'compliance.check':
      return call('PUT', `/api/collectives/${c}/parliament-ids`, { mappings: [] });
    case 'compliance.read':
      return call('GET', `/api/collectives/${c}/compliance`);
    case 'notice.manage':
      return call('GET', `/api/collectives/${c}/notices/topics`);
  }
}

describe('Authorisation matrix: every action × every caller, enforced by the API', () => {
  let sut: TestApp;
  const worlds: Record<'public' | 'members-only', World> = {} as never;

  beforeAll(async () => {
    sut = await startTestApp();
    const people = (['member', 'organiser', 'deputy', 'observer'] as const).map((role) => ({
      name: role,
      roles: role,
    }));
    const admin = await registerUser(sut.baseUrl, 'admin');
    const outsider = await registerUser(sut.baseUrl, 'outsider');
    for (const kind of ['public', 'members-only'] as const) {
      const collective = await createCollective(sut.baseUrl, [], { public: kind === 'public' }, admin);
      // the same four accounts in both collectives, one role each
      const users =
        kind === 'public'
          ? await Promise.all(people.map((p) => registerUser(sut.baseUrl, p.name)))
          : people.map((p) => worlds.public.collective.users[p.name]);
      const csv = [
        'email,display_name,roles',
        ...people.map((p, i) => `${users[i].email},${p.name},${p.roles}`),
      ].join('\n');
      const { started, progress } = await importCsv(admin, collective.id, csv);
      expect(progress.status).toBe('done');
      const { billId, ballotId } = await createBallot(admin, collective.id);
      people.forEach((p, i) => (collective.users[p.name] = users[i]));
      worlds[kind] = { collective, outsider, billId, ballotId, importId: started.importId };
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe.each([
    ['public', true],
    ['members-only', false],
  ] as const)('on a %s collective', (kind, isPublic) => {
    const cells = ACTIONS.flatMap((action) =>
      CALLERS.map((caller) => [action, caller, expected(action, caller, isPublic)] as const),
    );

    it.each(cells)('%s by %s → %s', async (action, caller, outcome) => {
      const world = worlds[kind];
      const token =
        caller === 'anonymous'
          ? undefined
          : caller === 'no-membership'
            ? world.outsider.token
            : world.collective.users[caller].token;
      const response = await callFor(sut.baseUrl, world, action, token);
      if (outcome === 'allowed') {
        // allowed: a 2xx, or a domain refusal that is not about who the caller is
        expect(response.status).toBeLessThan(300);
        expect(response.status).toBeGreaterThanOrEqual(200);
      } else {
        expect({ status: response.status, code: response.body.code }).toEqual({
          status: outcome,
          code:
            outcome === 401
              ? expect.stringMatching(/login_required|unauthenticated|token_missing/)
              : expect.any(String),
        });
      }
    });
  });

  describe('hard-coded expectations the policy must meet', () => {
    it.each([
      ['vote.cast', 'observer', false],
      ['vote.cast', 'organiser', false],
      ['vote.cast', 'deputy', false],
      ['vote.cast', 'member', true],
      ['delegation.manage', 'organiser', false],
      ['collective.configure', 'member', false],
      ['ballot.manage', 'member', false],
      ['member.search', 'observer', false],
      ['ballot.read', 'observer', true],
    ] as const)('on a members-only collective, %s by %s is allowed: %s', (action, caller, allowed) => {
      expect(isAllowed(action, ROLE_OF[caller], false)).toBe(allowed);
    });

    it('lets anonymous callers read a public ballot but not a members-only one', async () => {
      const open = await request(sut.baseUrl, 'GET', `/api/ballots/${worlds.public.ballotId}`);
      expect(open.status).toBe(200);
      const closed = await request<ErrorBody>(
        sut.baseUrl,
        'GET',
        `/api/ballots/${worlds['members-only'].ballotId}`,
      );
      expect(closed.status).toBe(401);
      expect(closed.body.code).toBe('access.login_required');
    });

    it('refuses a vote by an observer and by an organiser who is not also a member, naming the rule', async () => {
      const world = worlds['members-only'];
      for (const caller of ['observer', 'organiser'] as const) {
        const response = await world.collective.users[caller].call<ErrorBody>(
          'PUT',
          `/api/ballots/${world.ballotId}/vote`,
          { choice: 'no', requestId: requestId(caller) },
          { 'accept-language': 'en' },
        );
        expect(response.status).toBe(403);
        expect(response.body.code).toBe('access.forbidden');
        expect(response.body.message).toContain('vote.cast');
      }
    });
  });

  describe('organisers never vote or delegate on a member’s behalf', () => {
    it('has no route taking another member’s id for a vote or a delegation', async () => {
      const world = worlds.public;
      const { admin, id } = world.collective;
      const memberId = await memberIdOfMember(world);
      const viaPath = await admin.call('PUT', `/api/collectives/${id}/members/${memberId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
      });
      expect(viaPath.status).toBe(404);
      const viaBody = await admin.call<ErrorBody>('PUT', `/api/ballots/${world.ballotId}/vote`, {
        choice: 'yes',
        requestId: requestId(),
        memberId,
      });
      expect(viaBody.status).toBe(400);
      const delegationViaBody = await admin.call<ErrorBody>('PUT', `/api/collectives/${id}/delegations`, {
        scope: 'global',
        trustees: [],
        memberId,
      });
      expect(delegationViaBody.status).toBe(400);
    });

    it('counts an organiser-and-member’s vote and delegation for their own membership only', async () => {
      const collective = await createCollective(sut.baseUrl, [
        { name: 'ann', roles: 'member' },
        { name: 'ben', roles: 'member' },
      ]);
      const { ballotId } = await createBallot(collective.admin, collective.id, { visibility: 'live' });
      const { admin, users, ids, adminId } = collective;

      const vote = await admin.call<{ choice: string }>('PUT', `/api/ballots/${ballotId}/vote`, {
        choice: 'no',
        requestId: requestId('admin'),
      });
      expect(vote.status).toBe(200);
      const annVote = await users.ann.call<{ vote: unknown }>('GET', `/api/ballots/${ballotId}/vote`);
      expect(annVote.body.vote).toBeNull();
      const adminVote = await admin.call<{ vote: { choice: string } }>(
        'GET',
        `/api/ballots/${ballotId}/vote`,
      );
      expect(adminVote.body.vote.choice).toBe('no');

      const delegated = await admin.call('PUT', `/api/collectives/${collective.id}/delegations`, {
        scope: 'global',
        trustees: [ids.ben],
      });
      expect(delegated.status).toBe(200);
      const annMine = await users.ann.call<unknown[]>(
        'GET',
        `/api/collectives/${collective.id}/delegations/mine`,
      );
      expect(annMine.body).toEqual([]);
      const toBen = await users.ben.call<{ from: { memberId: string } }[]>(
        'GET',
        `/api/collectives/${collective.id}/delegations/to-me`,
      );
      expect(toBen.body.map((d) => d.from.memberId)).toEqual([adminId]);

      const ballot = await users.ann.call<{ tally: { totals: Record<string, number> } }>(
        'GET',
        `/api/ballots/${ballotId}`,
      );
      // admin's own direct vote; ann and ben absent
      expect(ballot.body.tally.totals).toEqual({ yes: 0, no: 1, abstain: 0, absent: 2 });
    });
  });
});

async function memberIdOfMember(world: World): Promise<string> {
  const response = await world.collective.users.member.call<{ me: { memberId: string } }>(
    'GET',
    `/api/collectives/${world.collective.id}`,
  );
  return response.body.me.memberId;
}
