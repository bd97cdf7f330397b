import { Command } from '@nestjs/cqrs';
import type {
  ConfirmVoteInput,
  DeclareVoteInput,
  ImportRollCallInput,
  ParliamentIdsInput,
} from '../compliance.schemas';
import type { Compliance } from '../compliance-rules';

/** What a write of actual votes reports. */
export interface RecordedVotes {
  readonly votes: readonly { deputy: string; vote: string; source: string; compliance: Compliance }[];
}

/** A deputy declares how they voted in parliament on a ballot they were instructed for. */
export class DeclareActualVoteCommand extends Command<RecordedVotes> {
  constructor(
    readonly ballotId: string,
    readonly deputy: string,
    readonly input: DeclareVoteInput,
  ) {
    super();
  }
}

/** An organiser confirms a declared vote, or records one. */
export class ConfirmActualVoteCommand extends Command<RecordedVotes> {
  constructor(
    readonly ballotId: string,
    readonly deputy: string,
    readonly organiser: string,
    readonly input: ConfirmVoteInput,
  ) {
    super();
  }
}

/** What an accepted roll-call import reports: the matched deputies, and the rows that matched no one. */
export interface RollCallImported extends RecordedVotes {
  readonly rows: number;
  readonly unmatched: readonly { row: number; where: string; parliamentId: string }[];
  /** Instructed deputies without a parliamentary identifier (left as they were). */
  readonly unmapped: readonly string[];
}

/** An organiser imports a roll-call file for an instructed ballot: all rows or nothing. */
export class ImportRollCallCommand extends Command<RollCallImported> {
  constructor(
    readonly ballotId: string,
    readonly organiser: string,
    readonly input: ImportRollCallInput,
  ) {
    super();
  }
}

/** An organiser sets deputies' parliamentary identifiers. */
export class SetParliamentIdsCommand extends Command<{ mappings: number }> {
  constructor(
    readonly collectiveId: string,
    readonly input: ParliamentIdsInput,
  ) {
    super();
  }
}
