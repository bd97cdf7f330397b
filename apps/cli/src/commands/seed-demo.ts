import { randomUUID } from 'node:crypto';
import { toCsv } from '@liquide/engine/common/csv';
import { USAGE_ERROR } from './exit-status';
import { Api } from './seed-demo-api';

const HELP = `usage: liquide seed-demo [--url URL]

Against a running Liquide server (default http://localhost:3000), over HTTP only: creates the demo
collective "Démo #MaVoix" (public, live visibility, 5 deputies, topics santé / logement / climat), one
account per role with known demo passwords, a delegation, a bill of 3 articles and an open ballot, then
prints how to sign in. Running it again reuses the accounts (sign-in when the e-mail is taken) and
creates a fresh collective.
`;

/** The demo password of every account (public on purpose: demo data only). */
export const DEMO_PASSWORD = 'demo-mavoix-2026';

interface DemoUser {
  readonly key: string;
  readonly email: string;
  readonly displayName: string;
  /** `roles` column of the members CSV; null for the organiser (creator of the collective). */
  readonly roles: string | null;
  readonly votingRights: boolean;
  readonly label: { fr: string; en: string };
}

const USERS: readonly DemoUser[] = [
  {
    key: 'organiser',
    email: 'organisatrice@demo.liquide.example',
    displayName: 'Olga Organisatrice',
    roles: null,
    votingRights: true,
    label: { fr: 'organisatrice', en: 'organiser' },
  },
  {
    key: 'alice',
    email: 'alice@demo.liquide.example',
    displayName: 'Alice Membre',
    roles: 'member',
    votingRights: true,
    label: { fr: 'membre (délègue à Bruno)', en: 'member (delegates to Bruno)' },
  },
  {
    key: 'bruno',
    email: 'bruno@demo.liquide.example',
    displayName: 'Bruno Membre',
    roles: 'member',
    votingRights: true,
    label: { fr: 'membre (a voté oui)', en: 'member (voted yes)' },
  },
  {
    key: 'chloe',
    email: 'chloe@demo.liquide.example',
    displayName: 'Chloé Membre',
    roles: 'member',
    votingRights: true,
    label: { fr: 'membre', en: 'member' },
  },
  {
    key: 'deputy',
    email: 'depute@demo.liquide.example',
    displayName: 'Denis Député',
    roles: 'member|deputy',
    votingRights: true,
    label: { fr: 'député', en: 'deputy' },
  },
  {
    key: 'observer',
    email: 'observatrice@demo.liquide.example',
    displayName: 'Odile Observatrice',
    roles: 'observer',
    votingRights: false,
    label: { fr: 'observatrice', en: 'observer' },
  },
];

/**
 * Registers the account (answered "link sent" whether or not it exists: a second run reuses it),
 * signs in, and verifies the address the way its owner would: by following the link mailed to it,
 * read from the development server's local outbox (`/api/dev/mail`).
 */
async function signIn(api: Api, user: DemoUser): Promise<{ token: string; created: boolean }> {
  await api.expect('register ' + user.email, 202, 'POST', '/api/auth/register', {
    body: { email: user.email, password: DEMO_PASSWORD, displayName: user.displayName },
  });
  const login = await api.expect<{ accessToken: string }>(
    `login ${user.email}`,
    200,
    'POST',
    '/api/auth/login',
    {
      body: { email: user.email, password: DEMO_PASSWORD },
    },
  );
  const me = await api.expect<{ emailVerified: boolean }>(`me ${user.email}`, 200, 'GET', '/api/auth/me', {
    token: login.accessToken,
  });
  if (!me.emailVerified) {
    await verifyFromLocalOutbox(api, user.email);
  }
  return { token: login.accessToken, created: !me.emailVerified };
}

/** Follows the newest verification link mailed to the address, as shown by the local outbox. */
async function verifyFromLocalOutbox(api: Api, email: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const inbox = await api.call<{ text: string }[]>(
      'GET',
      `/api/dev/mail/messages?to=${encodeURIComponent(email)}`,
    );
    if (inbox.status === 404) {
      throw new Error(
        `${email} must verify its address, and this server sends real mail (SMTP_URL set or NODE_ENV=production): ` +
          'follow the links mailed to the demo addresses, or seed a development server (npm start without SMTP_URL)',
      );
    }
    const token = inbox.body.map((mail) => /#\/verify-email\/([\w-]+)/.exec(mail.text)?.[1]).find(Boolean);
    if (token) {
      await api.expect(`verify ${email}`, 200, 'POST', '/api/auth/verify-email', { body: { token } });
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`no verification link for ${email} in the local outbox within 30 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForImport(api: Api, token: string, collectiveId: string, importId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const progress = await api.expect<{ status: string; errors?: unknown[] }>(
      'import progress',
      200,
      'GET',
      `/api/collectives/${collectiveId}/members/imports/${importId}`,
      { token },
    );
    if (progress.status === 'done') {
      if (progress.errors && progress.errors.length > 0) {
        throw new Error(`import refused rows: ${JSON.stringify(progress.errors)}`);
      }
      return;
    }
    if (progress.status !== 'running' || Date.now() > deadline) {
      throw new Error(`import ${importId}: ${JSON.stringify(progress)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Creates the collective under the demo slug, or under a dated one when a previous run holds it. */
async function createCollective(api: Api, token: string): Promise<{ id: string; slug: string }> {
  const settings = { visibility: 'live', deputies: 5, public: true };
  for (const slug of ['demo-mavoix', `demo-mavoix-${Date.now().toString(36)}`]) {
    const reply = await api.call<{ id: string }>('POST', '/api/collectives', {
      token,
      body: { name: 'Démo #MaVoix', slug, settings },
    });
    if (reply.status === 201) {
      return { id: reply.body.id, slug };
    }
    if (reply.status !== 409) {
      throw new Error(`create collective: HTTP ${reply.status} ${JSON.stringify(reply.body)}`);
    }
  }
  throw new Error('create collective: both slugs taken');
}

/** `liquide seed-demo [--url URL]` */
export async function seedDemoCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const urlAt = args.indexOf('--url');
  const url = urlAt === -1 ? 'http://localhost:3000' : args[urlAt + 1];
  const expectedArgs = urlAt === -1 ? 0 : 2;
  if (url === undefined || args.length !== expectedArgs) {
    process.stderr.write(`liquide seed-demo: bad arguments ${JSON.stringify(args)}\n\n${HELP}`);
    return USAGE_ERROR;
  }
  const baseUrl = url.replace(/\/+$/, '');
  const api = new Api(baseUrl);
  const health = await api.call<{ status: string }>('GET', '/health').catch((error: unknown) => {
    throw new Error(`no Liquide server at ${baseUrl} (${String(error)}); start it with "npm start"`);
  });
  if (health.status !== 200) {
    throw new Error(`${baseUrl}/health answered ${health.status}`);
  }

  const tokens: Record<string, string> = {};
  const reused: string[] = [];
  for (const user of USERS) {
    const { token, created } = await signIn(api, user);
    tokens[user.key] = token;
    if (!created) {
      reused.push(user.email);
    }
  }
  const organiser = tokens.organiser;
  const collective = await createCollective(api, organiser);
  const topics: Record<string, string> = {};
  for (const [slug, name] of [
    ['sante', 'Santé'],
    ['logement', 'Logement'],
    ['climat', 'Climat'],
  ]) {
    const topic = await api.expect<{ id: string }>(
      `topic ${slug}`,
      201,
      'POST',
      `/api/collectives/${collective.id}/topics`,
      {
        token: organiser,
        body: { slug, name },
      },
    );
    topics[slug] = topic.id;
  }

  const csv = toCsv([
    ['email', 'display_name', 'roles', 'weight', 'voting_rights'],
    ...USERS.filter((u) => u.roles !== null).map((u) => [
      u.email,
      u.displayName,
      u.roles,
      1,
      u.votingRights ? 'oui' : 'non',
    ]),
  ]);
  const started = await api.expect<{ importId: string }>(
    'import members',
    202,
    'POST',
    `/api/collectives/${collective.id}/members/import`,
    { token: organiser, body: csv },
  );
  await waitForImport(api, organiser, collective.id, started.importId);
  const { items: members } = await api.expect<{ items: { id: string; displayName: string }[] }>(
    'list members',
    200,
    'GET',
    `/api/collectives/${collective.id}/members?size=100`,
    { token: organiser },
  );
  const memberIds: Record<string, string> = {};
  for (const user of USERS) {
    const found = members.find((m) => m.displayName === user.displayName);
    if (found) {
      memberIds[user.key] = found.id;
    }
  }

  await api.expect(
    'delegation alice → bruno (climat)',
    200,
    'PUT',
    `/api/collectives/${collective.id}/delegations`,
    {
      token: tokens.alice,
      body: { scope: 'topic', topicId: topics.climat, trustees: [memberIds.bruno] },
    },
  );

  const bill = await api.expect<{ id: string }>(
    'create bill',
    201,
    'POST',
    `/api/collectives/${collective.id}/bills`,
    {
      token: organiser,
      body: {
        title: 'Loi climat et logement — Climate and housing act',
        summary: 'Projet de démonstration — demo bill.',
        topicId: topics.climat,
        articles: [
          { heading: 'Article 1', text: 'Les bâtiments publics sont rénovés thermiquement avant 2035.' },
          {
            heading: 'Article 2',
            text: 'Un fonds local finance la rénovation des logements des ménages modestes.',
          },
          { heading: 'Article 3', text: "Un bilan public est présenté chaque année à l'assemblée." },
        ],
      },
    },
  );
  const now = Date.now();
  const ballot = await api.expect<{ id: string }>(
    'create ballot',
    201,
    'POST',
    `/api/collectives/${collective.id}/ballots`,
    {
      token: organiser,
      body: {
        billId: bill.id,
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + 7 * 24 * 3_600_000).toISOString(),
      },
    },
  );
  await api.expect('open ballot', 204, 'POST', `/api/ballots/${ballot.id}/open`, { token: organiser });
  await api.expect('vote bruno', 200, 'PUT', `/api/ballots/${ballot.id}/vote`, {
    token: tokens.bruno,
    body: { choice: 'yes', requestId: `seed-demo-${randomUUID()}` },
  });

  process.stdout.write(report(baseUrl, collective, topics, bill.id, ballot.id, memberIds, reused));
  return 0;
}

function report(
  baseUrl: string,
  collective: { id: string; slug: string },
  topics: Record<string, string>,
  billId: string,
  ballotId: string,
  memberIds: Record<string, string>,
  reused: string[],
): string {
  const width = Math.max(...USERS.map((u) => u.email.length));
  const accounts = (language: 'fr' | 'en'): string =>
    USERS.map((u) => `  ${u.email.padEnd(width)}  ${DEMO_PASSWORD}  ${u.label[language]}`).join('\n');
  const ids = [
    `  collective  ${collective.id}  (slug ${collective.slug})`,
    ...Object.entries(topics).map(([slug, id]) => `  topic       ${id}  (${slug})`),
    `  bill        ${billId}`,
    `  ballot      ${ballotId}`,
    ...USERS.filter((u) => memberIds[u.key]).map(
      (u) => `  member      ${memberIds[u.key]}  (${u.displayName})`,
    ),
  ].join('\n');
  const reusedFr = reused.length > 0 ? `Comptes déjà existants, réutilisés : ${reused.length}.\n` : '';
  const reusedEn = reused.length > 0 ? `Existing accounts reused: ${reused.length}.\n` : '';
  return `
=== Démo #MaVoix prête ===
Serveur : ${baseUrl}
Connexion : POST ${baseUrl}/api/auth/login  {"email": "…", "password": "${DEMO_PASSWORD}"}
Documentation de l'API : ${baseUrl}/api/docs
Comptes (e-mail, mot de passe, rôle) :
${accounts('fr')}
${reusedFr}Scrutin ouvert sur le projet de loi (3 articles) : ${baseUrl}/api/ballots/${ballotId}
Alice délègue le thème climat à Bruno, qui a voté oui.

=== #MaVoix demo ready ===
Server: ${baseUrl}
Sign in: POST ${baseUrl}/api/auth/login  {"email": "…", "password": "${DEMO_PASSWORD}"}
API documentation: ${baseUrl}/api/docs
Accounts (e-mail, password, role):
${accounts('en')}
${reusedEn}Open ballot on the bill (3 articles): ${baseUrl}/api/ballots/${ballotId}
Alice delegates the climate topic to Bruno, who voted yes.

Ids:
${ids}
`;
}
