import { Query } from '@nestjs/cqrs';
import type { TextDiff } from '../text-diff';
import type { TextVersionView, VersionReason } from '../text.types';

/** A version in the history list (without its text). */
export interface VersionSummary {
  readonly number: number;
  readonly authorId: string | null;
  readonly reason: VersionReason;
  readonly createdAt: string;
  readonly articles: number;
  readonly sections: number;
}

/** The history of a bill's text, oldest first. */
export class ListVersionsQuery extends Query<{ billId: string; versions: VersionSummary[] }> {
  constructor(readonly billId: string) {
    super();
  }
}

/** One version with its text; `number` null for the latest. */
export class GetVersionQuery extends Query<TextVersionView> {
  constructor(
    readonly billId: string,
    readonly number: number | null,
  ) {
    super();
  }
}

/** Word-level diff between two versions, article by article. */
export class DiffVersionsQuery extends Query<TextDiff> {
  constructor(
    readonly billId: string,
    readonly from: number,
    readonly to: number,
  ) {
    super();
  }
}
