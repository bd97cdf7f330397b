import type { EntityManager } from '@mikro-orm/postgresql';
import { LiquideError } from '../errors/liquide-error';
import type { TextBody } from './text.types';
import { TextErrorCode } from './texts.errors';

/**
 * An article id belongs to the bill whose text first had it: a new version of one bill cannot adopt
 * an id of another (diffs, amendments and contributions name articles by id). Checks the ids of
 * `body` that `latest` does not have, under a transaction-scoped lock per id, so that two bills
 * revised at once cannot both take the same new id.
 * @throws LiquideError 409 `text.article_id_taken`, its field the article's position in the text.
 */
export async function assertArticleIdsOwned(
  em: EntityManager,
  billId: string,
  latest: TextBody,
  body: TextBody,
): Promise<void> {
  const known = new Set(latest.articles.map((article) => article.id));
  const fresh = [
    ...new Set(body.articles.map((article) => article.id).filter((id) => !known.has(id))),
  ].sort();
  if (fresh.length === 0) {
    return;
  }
  for (const id of fresh) {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`article-id:${id}`]);
  }
  const taken = await em.execute<{ id: string }[]>(
    `select candidate as id from jsonb_array_elements_text(?::jsonb) as candidate
      where exists (select 1 from bill_version v
                     where v.bill_id <> ? and v.articles @> jsonb_build_array(jsonb_build_object('id', candidate)))
      limit 1`,
    [JSON.stringify(fresh), billId],
  );
  if (taken.length > 0) {
    const index = body.articles.findIndex((article) => article.id === taken[0].id);
    throw new LiquideError(TextErrorCode.ArticleIdTaken, {
      field: `articles[${index}].id`,
      params: { articleId: taken[0].id },
    });
  }
}
