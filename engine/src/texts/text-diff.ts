import { diffWordsWithSpace } from 'diff';
import type { TextArticle, TextBody } from './text.types';

/** One run of a word-level diff: kept, added or removed words (spaces included). */
export interface DiffPart {
  readonly op: 'same' | 'added' | 'removed';
  readonly value: string;
}

/** What happened to one article between two versions. */
export interface ArticleDiff {
  readonly articleId: string;
  readonly status: 'added' | 'removed' | 'changed' | 'unchanged';
  /** Position (1-based) in the `from` and `to` versions; null where the article is absent. */
  readonly fromPosition: number | null;
  readonly toPosition: number | null;
  readonly heading: readonly DiffPart[];
  readonly text: readonly DiffPart[];
}

/** The diff between two versions, article by article, in the `to` version's order (removed ones last). */
export interface TextDiff {
  readonly from: number;
  readonly to: number;
  readonly articles: readonly ArticleDiff[];
  readonly summary: { readonly added: number; readonly removed: number; readonly changed: number };
}

/** Word-level diff of two strings with the maintained `diff` library (`diffWordsWithSpace`). */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) {
    return before ? [{ op: 'same', value: before }] : [];
  }
  return diffWordsWithSpace(before, after).map((change) => ({
    op: change.added ? 'added' : change.removed ? 'removed' : 'same',
    value: change.value,
  }));
}

function articleDiff(
  before: TextArticle | undefined,
  after: TextArticle | undefined,
  fromPosition: number | null,
  toPosition: number | null,
): ArticleDiff {
  const id = (after ?? before)!.id;
  const heading = diffWords(before?.heading ?? '', after?.heading ?? '');
  const text = diffWords(before?.text ?? '', after?.text ?? '');
  const status = !before
    ? 'added'
    : !after
      ? 'removed'
      : before.heading === after.heading && before.text === after.text
        ? 'unchanged'
        : 'changed';
  return { articleId: id, status, fromPosition, toPosition, heading, text };
}

/**
 * Compares two versions article by article, matching articles by their stable ids: an id only in
 * `to` is added, only in `from` removed, in both with another heading or text changed (a move alone
 * shows in the positions, not the status).
 */
export function diffTexts(from: number, before: TextBody, to: number, after: TextBody): TextDiff {
  const beforeById = new Map(before.articles.map((article, index) => [article.id, { article, index }]));
  const afterIds = new Set(after.articles.map((article) => article.id));
  const articles: ArticleDiff[] = after.articles.map((article, index) => {
    const old = beforeById.get(article.id);
    return articleDiff(old?.article, article, old ? old.index + 1 : null, index + 1);
  });
  before.articles.forEach((article, index) => {
    if (!afterIds.has(article.id)) {
      articles.push(articleDiff(article, undefined, index + 1, null));
    }
  });
  const count = (status: ArticleDiff['status']) => articles.filter((a) => a.status === status).length;
  return {
    from,
    to,
    articles,
    summary: { added: count('added'), removed: count('removed'), changed: count('changed') },
  };
}
