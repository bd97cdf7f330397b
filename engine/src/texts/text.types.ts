/**
 * A bill's text as versions see it: ordered articles with stable ids, optionally grouped in sections.
 * Pure types, shared by the engine, the law-making plugins and the web client.
 */

/** A group of consecutive articles (a chapter, a title). */
export interface TextSection {
  readonly id: string;
  readonly heading: string;
}

/** One article; its `id` never changes across versions, its `sectionId` names its section or is null. */
export interface TextArticle {
  readonly id: string;
  readonly heading: string;
  readonly text: string;
  readonly sectionId: string | null;
}

/** A whole text: sections in order, articles in order (an article's section must be listed). */
export interface TextBody {
  readonly sections: readonly TextSection[];
  readonly articles: readonly TextArticle[];
}

/** Why a version exists. `initial` is the text the bill was created with. */
export type VersionReasonKind = 'initial' | 'amendment' | 'synthesis' | 'edit';

/** What made a version: its kind and a reference (an amendment id, a synthesis id, or free text). */
export interface VersionReason {
  readonly kind: VersionReasonKind;
  /** Ids of the amendments merged, of the synthesis, or a short note; null when none. */
  readonly ref: string | null;
}

/** One version of a bill's text, as the history API returns it. */
export interface TextVersionView extends TextBody {
  readonly billId: string;
  readonly number: number;
  /** Member id of who made the change; null for changes made by the engine itself. */
  readonly authorId: string | null;
  readonly reason: VersionReason;
  readonly createdAt: string;
  readonly title: string;
}

/** A change to one article, applied to the latest version by `ReviseBillTextCommand`. */
export type ArticleChange =
  | {
      readonly op: 'replace';
      readonly articleId: string;
      readonly heading?: string;
      readonly text: string;
    }
  | {
      readonly op: 'insert-after';
      /** The article after which the new one goes; null for the very beginning. */
      readonly articleId: string | null;
      readonly heading: string;
      readonly text: string;
      /** The id the new article gets (stable from then on); generated when absent. */
      readonly newArticleId?: string;
    }
  | { readonly op: 'delete'; readonly articleId: string };
