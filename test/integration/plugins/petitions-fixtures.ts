import { Client } from 'pg';
import { registerUser, type ApiUser } from '../../support/api-client';
import { importCsv, memberIdOf, uniqueSlug, waitFor } from '../domain/domain-fixtures';

export { waitFor };

/** Error body of every refusal. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  errors?: { field: string; rule: string; message: string }[];
}

export interface Person {
  readonly name: string;
  readonly roles?: string;
  /** Written to the CSV's `attr:region` column. */
  readonly region?: string;
  /** Other attributes, each written to an `attr:<name>` column. */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface RegionalCollective {
  readonly id: string;
  readonly admin: ApiUser;
  readonly users: Record<string, ApiUser>;
  readonly ids: Record<string, string>;
}

/** A collective whose members carry a region attribute (CSV column `attr:region`). */
export async function createRegionalCollective(
  baseUrl: string,
  people: readonly Person[],
  settings: Record<string, unknown> = {},
): Promise<RegionalCollective> {
  const admin = await registerUser(baseUrl, 'organiser');
  const created = await admin.call<{ id: string }>('POST', '/api/collectives', {
    name: 'Collectif pétitions',
    slug: uniqueSlug('p'),
    settings,
  });
  if (created.status !== 201) {
    throw new Error(`create collective failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const id = created.body.id;
  const accounts = await Promise.all(people.map((p) => registerUser(baseUrl, p.name)));
  const users: Record<string, ApiUser> = {};
  people.forEach((p, i) => (users[p.name] = accounts[i]));
  const extra = [...new Set(people.flatMap((p) => Object.keys(p.attributes ?? {})))];
  const csv = [
    ['email,display_name,roles,attr:region', ...extra.map((name) => `attr:${name}`)].join(','),
    ...people.map((p) =>
      [
        `${users[p.name].email},${p.name},${p.roles ?? 'member'},${p.region ?? ''}`,
        ...extra.map((name) => p.attributes?.[name] ?? ''),
      ].join(','),
    ),
  ].join('\n');
  const { progress } = await importCsv(admin, id, csv);
  if (progress.status !== 'done' || progress.errors.length > 0) {
    throw new Error(`import did not finish cleanly: ${JSON.stringify(progress)}`);
  }
  const ids: Record<string, string> = {};
  await Promise.all(people.map(async (p) => (ids[p.name] = await memberIdOf(users[p.name], id))));
  return { id, admin, users, ids };
}

/** Enables the petitions plugin with these settings (or a preset); fails the test when refused. */
export async function enablePetitions(
  admin: ApiUser,
  collectiveId: string,
  body: { settings?: unknown; preset?: string },
): Promise<void> {
  const response = await admin.call('PUT', `/api/collectives/${collectiveId}/plugins/petitions`, body);
  if (response.status !== 200) {
    throw new Error(`enable failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** Settings with small numbers for tests: no sponsor, moderation on, no deliberation, given thresholds. */
export function smallSettings(thresholds: unknown[], extra: Record<string, unknown> = {}) {
  return {
    phases: {
      sponsorship: { sponsorsRequired: 0 },
      collection: { window: { days: 30 }, thresholds },
      ...extra,
    },
  };
}

/** Drafts, submits and approves a petition: open for signatures (no sponsor, no deliberation). */
export async function openPetition(
  author: ApiUser,
  organiser: ApiUser,
  collectiveId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const drafted = await author.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/petitions`, {
    title: 'Pour des pistes cyclables',
    text: 'Nous demandons des pistes cyclables sûres.',
    addressee: 'Conseil municipal',
    ...extra,
  });
  if (drafted.status !== 201) {
    throw new Error(`draft failed: ${drafted.status} ${JSON.stringify(drafted.body)}`);
  }
  const id = drafted.body.id;
  const submitted = await author.call<{ status: string }>('POST', `/api/petitions/${id}/submit`);
  if (submitted.status !== 200) {
    throw new Error(`submit failed: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  if (submitted.body.status === 'pending') {
    const approved = await organiser.call('POST', `/api/petitions/${id}/moderation`, { decision: 'approve' });
    if (approved.status !== 200) {
      throw new Error(`approve failed: ${approved.status} ${JSON.stringify(approved.body)}`);
    }
  }
  return id;
}

/** Runs SQL on the test app's own database (to move a deadline into the past). */
export async function sql(url: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** The petition as `GET /api/petitions/:id` shows it (the fields the tests read). */
export interface PetitionBody {
  status: string;
  signatures: number;
  sponsors: number;
  regions: Record<string, number>;
  version: number;
  billId: string | null;
  rejection: { reasonCode: string; note: string | null } | null;
  thresholds: {
    id: string;
    effect: string;
    reachedAt: string | null;
    responseDueAt: string | null;
    ballotId: string | null;
    spread: { required: number; regionsMet: string[] } | null;
  }[];
  answer: {
    dueAt: string | null;
    overdue: boolean;
    text: string | null;
    by: string | null;
    onTime: boolean | null;
  };
  me: { isAuthor: boolean; sponsored: boolean; signed: boolean } | null;
  closesAt: string | null;
}
