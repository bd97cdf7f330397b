import { randomUUID } from 'node:crypto';
import type { ArticleChange, TextArticle, TextBody } from './text.types';

/** Why a change could not apply (the article it names is gone, or the text would end up empty). */
export class TextChangeError extends Error {
  constructor(
    readonly reason: 'article-not-found' | 'empty-text',
    readonly articleId: string | null,
  ) {
    super(`${reason}${articleId ? `: ${articleId}` : ''}`);
    this.name = 'TextChangeError';
  }
}

/**
 * Applies changes to a text, one after the other, and returns the new text (the input is not
 * changed). An inserted article joins the section of the article it follows. Throws
 * `TextChangeError` when a change names an article that is not there, or when no article is left.
 */
export function applyChanges(body: TextBody, changes: readonly ArticleChange[]): TextBody {
  const articles: TextArticle[] = [...body.articles];
  const indexOf = (articleId: string): number => {
    const index = articles.findIndex((article) => article.id === articleId);
    if (index < 0) {
      throw new TextChangeError('article-not-found', articleId);
    }
    return index;
  };
  for (const change of changes) {
    switch (change.op) {
      case 'replace': {
        const index = indexOf(change.articleId);
        const current = articles[index];
        articles[index] = { ...current, heading: change.heading ?? current.heading, text: change.text };
        break;
      }
      case 'insert-after': {
        const index = change.articleId === null ? -1 : indexOf(change.articleId);
        const sectionId = index >= 0 ? articles[index].sectionId : (articles[0]?.sectionId ?? null);
        const article = {
          id: change.newArticleId ?? randomUUID(),
          heading: change.heading,
          text: change.text,
          sectionId,
        };
        articles.splice(index + 1, 0, article);
        break;
      }
      case 'delete':
        articles.splice(indexOf(change.articleId), 1);
        break;
    }
  }
  if (articles.length === 0) {
    throw new TextChangeError('empty-text', null);
  }
  const used = new Set(articles.map((article) => article.sectionId));
  return { sections: body.sections.filter((section) => used.has(section.id)), articles };
}

/** Position of each article in a text (for ordering changes "in article order"). */
export function articlePositions(body: TextBody): Map<string, number> {
  return new Map(body.articles.map((article, index) => [article.id, index]));
}

/**
 * Checks a whole text: unique article and section ids, every article's section listed, at least one
 * article. Returns the problems found (empty when valid).
 */
export function textProblems(body: TextBody): string[] {
  const problems: string[] = [];
  if (body.articles.length === 0) {
    problems.push('articles: at least one');
  }
  const sectionIds = new Set<string>();
  for (const section of body.sections) {
    if (sectionIds.has(section.id)) {
      problems.push(`sections: duplicate id ${section.id}`);
    }
    sectionIds.add(section.id);
  }
  const articleIds = new Set<string>();
  for (const article of body.articles) {
    if (articleIds.has(article.id)) {
      problems.push(`articles: duplicate id ${article.id}`);
    }
    articleIds.add(article.id);
    if (article.sectionId !== null && !sectionIds.has(article.sectionId)) {
      problems.push(`articles: unknown section ${article.sectionId}`);
    }
  }
  return problems;
}
