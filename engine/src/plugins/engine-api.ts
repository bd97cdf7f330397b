/**
 * What plugins may use of the engine besides the plugin contract: the commands and events of the
 * voting domain (through the CQRS buses), the public record, the access policy and the socket rooms.
 * Plugins import these from `@liquide/engine`, never from the engine's internal paths.
 */
export { AccessModule } from '../access/access.module';
export { AccessService, type Access } from '../access/access.service';
export {
  CreateBallotCommand,
  OpenBallotCommand,
  CloseBallotCommand,
} from '../ballots/commands/ballot.commands';
export type { CreateBallotInput } from '../ballots/commands/ballot.commands';
export { GetResultQuery } from '../ballots/queries/ballot.queries';
export { CreateBillCommand } from '../bills/commands/create-bill.command';
export { BallotOpenedEvent, BallotClosedEvent } from '../ballots/ballots.events';
export { recordProof } from '../record/record-proof';
export { Member, ROLES, type Role } from '../members/member.entity';
export { RecordModule } from '../record/record.module';
export { RecordService } from '../record/record.service';
