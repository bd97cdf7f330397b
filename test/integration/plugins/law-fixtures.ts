import type { ApiUser } from '../../support/api-client';
import { waitFor } from '../domain/domain-fixtures';

export { waitFor };

/** A text version as `GET /api/bills/:billId/versions/:n` returns it. */
export interface VersionBody {
  number: number;
  authorId: string | null;
  reason: { kind: string; ref: string | null };
  sections: { id: string; heading: string }[];
  articles: { id: string; heading: string; text: string; sectionId: string | null }[];
}

/** Creates a bill of three articles; returns its id and its articles' stable ids. */
export async function createBill(
  organiser: ApiUser,
  collectiveId: string,
  articles: { heading: string; text: string }[] = [
    { heading: 'Objet', text: 'La commune développe le vélo.' },
    { heading: 'Pistes', text: 'Les pistes cyclables sont continues.' },
    { heading: 'Financement', text: 'La commune finance les travaux.' },
  ],
): Promise<{ billId: string; articleIds: string[] }> {
  const created = await organiser.call<{ id: string }>('POST', `/api/collectives/${collectiveId}/bills`, {
    title: 'Loi vélo',
    summary: 'Pour le vélo en ville',
    articles,
  });
  if (created.status !== 201) {
    throw new Error(`create bill failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const version = await organiser.call<VersionBody>('GET', `/api/bills/${created.body.id}/versions/1`);
  return { billId: created.body.id, articleIds: version.body.articles.map((a) => a.id) };
}

/** Enables a plugin in the collective with these settings; fails the test when refused. */
export async function enablePlugin(
  admin: ApiUser,
  collectiveId: string,
  pluginId: string,
  settings: Record<string, unknown> = {},
): Promise<void> {
  const response = await admin.call('PUT', `/api/collectives/${collectiveId}/plugins/${pluginId}`, {
    settings,
  });
  if (response.status !== 200) {
    throw new Error(`enable ${pluginId} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** The latest version of a bill's text. */
export async function latest(user: ApiUser, billId: string): Promise<VersionBody> {
  const response = await user.call<VersionBody>('GET', `/api/bills/${billId}/versions/latest`);
  if (response.status !== 200) {
    throw new Error(`latest version failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
