import { Command } from '@nestjs/cqrs';
import type { ArticleChange, TextBody, VersionReason } from '../text.types';

/** What a revision says: who, why, and either changes to the latest text or a whole new text. */
export interface RevisionInput {
  /** Member id of the author; null when the engine or a plugin acts on its own (a merge). */
  readonly authorId: string | null;
  readonly reason: VersionReason;
  /** Changes applied in order to the latest version. */
  readonly changes?: readonly ArticleChange[];
  /** A whole new text (articles without an id are new; ids of the latest version are kept). */
  readonly body?: {
    readonly sections: readonly { readonly id?: string; readonly heading: string }[];
    readonly articles: readonly {
      readonly id?: string;
      readonly heading: string;
      readonly text: string;
      /** Index in `sections`, or null/absent for no section. */
      readonly section?: number | null;
    }[];
  };
  /** Refuse (409 `text.stale_version`) unless the latest version is this one. */
  readonly baseVersion?: number;
}

/**
 * Makes a new version of a bill's text (number = latest + 1) and makes it the bill's current text.
 * Runs in one transaction holding the bill's row lock, so concurrent revisions queue up.
 */
export class ReviseBillTextCommand extends Command<{ number: number; body: TextBody }> {
  constructor(
    readonly billId: string,
    readonly input: RevisionInput,
  ) {
    super();
  }
}

/** Published after a new version is committed. */
export class BillVersionPublishedEvent {
  constructor(
    readonly collectiveId: string,
    readonly billId: string,
    readonly number: number,
    readonly reason: VersionReason,
  ) {}
}
