import { Command } from '@nestjs/cqrs';
import type {
  ConfigureBillInput,
  ContributeInput,
  PhaseName,
  PublishVersionInput,
  SynthesisInput,
} from '../../contracts';

/** An organiser starts (or reconfigures) co-drafting on a bill: its phases, overrides; back to the first phase. */
export class ConfigureBillCommand extends Command<{ phases: PhaseName[]; current: PhaseName }> {
  constructor(
    readonly billId: string,
    readonly collectiveId: string,
    readonly input: ConfigureBillInput,
  ) {
    super();
  }
}

/** An organiser moves the bill to another phase of its workflow. */
export class MovePhaseCommand extends Command<{ current: PhaseName }> {
  constructor(
    readonly billId: string,
    readonly phase: PhaseName,
  ) {
    super();
  }
}

/** A member comments, argues or proposes wording on one article, if the phase allows it. */
export class ContributeCommand extends Command<{ id: string }> {
  constructor(
    readonly billId: string,
    readonly memberId: string,
    readonly input: ContributeInput,
  ) {
    super();
  }
}

/** A member supports a contribution (or withdraws support), if the phase allows it. */
export class SupportContributionCommand extends Command<{ supports: number }> {
  constructor(
    readonly contributionId: string,
    readonly memberId: string,
    readonly support: boolean,
  ) {
    super();
  }
}

/** An organiser writes the synthesis of one article, linking the contributions it takes up. */
export class WriteSynthesisCommand extends Command<{ id: string }> {
  constructor(
    readonly billId: string,
    readonly memberId: string,
    readonly input: SynthesisInput,
  ) {
    super();
  }
}

/** An author (organiser) publishes a new version through the engine's versioned texts. */
export class PublishCoDraftedVersionCommand extends Command<{ number: number }> {
  constructor(
    readonly billId: string,
    readonly memberId: string,
    readonly input: PublishVersionInput,
  ) {
    super();
  }
}
