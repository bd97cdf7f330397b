import { Command } from '@nestjs/cqrs';
import type {
  CreateAreaInput,
  CreateIssueInput,
  InitiativeInput,
  RatingInput,
  ReviseInput,
  SuggestionInput,
} from '../contracts';

export const AGENDA_PLUGIN_ID = 'agenda';

export class CreateAreaCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly input: CreateAreaInput,
  ) {
    super();
  }
}

export class CreateIssueCommand extends Command<{ id: string; initiativeId: string }> {
  constructor(
    readonly areaId: string,
    readonly memberId: string,
    readonly input: CreateIssueInput,
  ) {
    super();
  }
}

export class AddInitiativeCommand extends Command<{ id: string }> {
  constructor(
    readonly issueId: string,
    readonly memberId: string,
    readonly input: InitiativeInput,
  ) {
    super();
  }
}

export class ReviseInitiativeCommand extends Command<{ revision: number }> {
  constructor(
    readonly initiativeId: string,
    readonly memberId: string,
    readonly input: ReviseInput,
  ) {
    super();
  }
}

export class SupportInitiativeCommand extends Command<{
  supporters: number;
  support: number;
  phase: string;
}> {
  constructor(
    readonly initiativeId: string,
    readonly memberId: string,
    readonly support: boolean,
  ) {
    super();
  }
}

export class SuggestCommand extends Command<{ id: string }> {
  constructor(
    readonly initiativeId: string,
    readonly memberId: string,
    readonly input: SuggestionInput,
  ) {
    super();
  }
}

export class RateSuggestionCommand extends Command<{ ratings: number }> {
  constructor(
    readonly suggestionId: string,
    readonly memberId: string,
    readonly input: RatingInput,
  ) {
    super();
  }
}

/**
 * Moves an issue on when its phase is due (the scheduler, `onlyIfDue`), or at once: admission → discussion
 * (or cancelled), discussion → verification, verification → voting (or cancelled), voting → closed once
 * the ballot is closed. Also opens the ballot of an issue left in voting without one.
 */
export class AdvanceIssueCommand extends Command<{ phase: string }> {
  constructor(
    readonly issueId: string,
    readonly onlyIfDue = false,
  ) {
    super();
  }
}

/** Published after any change of an issue's phase. */
export class IssuePhaseChangedEvent {
  constructor(
    readonly collectiveId: string,
    readonly issueId: string,
    readonly phase: string,
  ) {}
}

/**
 * Published after any committed change of an issue a reader would see: a new initiative, a revision, a
 * suggestion or a rating, a support change (the counts), a phase change. The live push coalesces them.
 */
export class IssueChangedEvent {
  constructor(
    readonly collectiveId: string,
    readonly issueId: string,
  ) {}
}
