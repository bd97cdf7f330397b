import { registerUser, type ApiResponse, type ApiUser } from '../../support/api-client';
import { waitFor } from '../../support/wait';

export { waitFor };

/** Error body of every refusal. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  errors?: { field: string; rule: string; message: string }[];
}

export interface Totals {
  yes: number;
  no: number;
  abstain: number;
  absent: number;
}

export interface PersonSpec {
  readonly name: string;
  /** `|`-separated roles as the CSV takes them, e.g. `member|deputy`. */
  readonly roles: string;
  readonly votingRights?: boolean;
  readonly weight?: number;
}

export interface Collective {
  readonly id: string;
  /** The creator: organiser and member. */
  readonly admin: ApiUser;
  readonly adminId: string;
  /** Accounts by name, each with its membership id. */
  readonly users: Record<string, ApiUser>;
  readonly ids: Record<string, string>;
}

let slugCounter = 0;

export function uniqueSlug(prefix: string): string {
  slugCounter += 1;
  return `${prefix}-${process.pid}-${slugCounter}-${Date.now().toString(36)}`;
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

/** Imports a CSV as `organiser` and waits until the import is done; returns the final progress. */
export async function importCsv(organiser: ApiUser, collectiveId: string, csv: string, timeoutMs = 10_000) {
  const started = await organiser.call<{ importId: string; total: number; rejected: unknown[] }>(
    'POST',
    `/api/collectives/${collectiveId}/members/import`,
    csv,
  );
  if (started.status !== 202) {
    throw new Error(`import failed: ${started.status} ${JSON.stringify(started.body)}`);
  }
  let progress: ApiResponse<ImportProgress> | undefined;
  await waitFor(async () => {
    progress = await organiser.call<ImportProgress>(
      'GET',
      `/api/collectives/${collectiveId}/members/imports/${started.body.importId}`,
    );
    return progress.body.status === 'done' || progress.body.status === 'failed';
  }, timeoutMs);
  return { started: started.body, progress: progress!.body };
}

export interface ImportProgress {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: { line: number; problems: { field: string; rule: string; message: string }[] }[];
}

/** The caller's membership id, read from the collective's `me`. */
export async function memberIdOf(user: ApiUser, collectiveId: string): Promise<string> {
  const response = await user.call<{ me: { memberId: string } | null }>(
    'GET',
    `/api/collectives/${collectiveId}`,
  );
  if (!response.body.me) {
    throw new Error(`${user.email} has no membership in ${collectiveId}`);
  }
  return response.body.me.memberId;
}

/**
 * A collective created by a fresh organiser, with one registered account per person imported by CSV.
 * `register` makes each verified account (by default through the local outbox; tests running with
 * SMTP_URL pass one that reads their SMTP server).
 */
export async function createCollective(
  baseUrl: string,
  people: readonly PersonSpec[],
  settings: Record<string, unknown> = {},
  admin?: ApiUser,
  register: (baseUrl: string, name: string) => Promise<ApiUser> = registerUser,
): Promise<Collective> {
  const creator = admin ?? (await register(baseUrl, 'admin'));
  const created = await creator.call<{ id: string }>('POST', '/api/collectives', {
    name: 'Collectif de test',
    slug: uniqueSlug('c'),
    settings,
  });
  if (created.status !== 201) {
    throw new Error(`create collective failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const id = created.body.id;
  const accounts = await Promise.all(people.map((p) => register(baseUrl, p.name)));
  const users: Record<string, ApiUser> = {};
  people.forEach((p, i) => (users[p.name] = accounts[i]));
  if (people.length > 0) {
    const csv = [
      'email,display_name,roles,weight,voting_rights',
      ...people.map(
        (p) =>
          `${users[p.name].email},${p.name},${p.roles},${p.weight ?? 1},${p.votingRights === false ? 'no' : 'yes'}`,
      ),
    ].join('\n');
    const { progress } = await importCsv(creator, id, csv);
    if (progress.status !== 'done' || progress.errors.length > 0) {
      throw new Error(`import did not finish cleanly: ${JSON.stringify(progress)}`);
    }
  }
  const ids: Record<string, string> = {};
  await Promise.all(
    people.map(async (p) => {
      ids[p.name] = await memberIdOf(users[p.name], id);
    }),
  );
  return { id, admin: creator, adminId: await memberIdOf(creator, id), users, ids };
}

/** Creates a bill (optionally on a topic) and a ballot on it, open now for an hour unless told. */
export async function createBallot(
  organiser: ApiUser,
  collectiveId: string,
  options: {
    topicId?: string;
    visibility?: 'live' | 'after-vote' | 'after-close';
    opensAt?: Date;
    closesAt?: Date;
    open?: boolean;
    deputies?: number;
  } = {},
): Promise<{ billId: string; ballotId: string }> {
  const bill = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
    title: 'Projet',
    topicId: options.topicId ?? null,
    articles: [{ heading: 'Article 1', text: 'Texte.' }],
  });
  if (bill.status !== 201) {
    throw new Error(`create bill failed: ${bill.status} ${JSON.stringify(bill.body)}`);
  }
  const now = Date.now();
  const ballot = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/ballots`, {
    billId: bill.body.id,
    opensAt: (options.opensAt ?? new Date(now - 1000)).toISOString(),
    closesAt: (options.closesAt ?? new Date(now + 3_600_000)).toISOString(),
    ...(options.visibility ? { visibility: options.visibility } : {}),
    ...(options.deputies ? { deputies: options.deputies } : {}),
  });
  if (ballot.status !== 201) {
    throw new Error(`create ballot failed: ${ballot.status} ${JSON.stringify(ballot.body)}`);
  }
  if (options.open !== false) {
    const opened = await organiser.call('POST', `/api/ballots/${ballot.body.id}/open`);
    if (opened.status !== 204) {
      throw new Error(`open ballot failed: ${opened.status} ${JSON.stringify(opened.body)}`);
    }
  }
  return { billId: bill.body.id, ballotId: ballot.body.id };
}

let requestCounter = 0;

/** A fresh, valid client request id. */
export function requestId(prefix = 'req'): string {
  requestCounter += 1;
  return `${prefix}-${process.pid}-${requestCounter}-${Math.random().toString(36).slice(2, 10)}`;
}
