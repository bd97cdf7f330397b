import { Collective } from './collectives/collective.entity';
import { Migration20261128000100Collectives } from './collectives/migrations/Migration20261128000100Collectives';
import type { NamedMigration } from './database/mikro-orm.options';
import { RecordEvent } from './record/record-event.entity';
import { Migration20261128000300Record } from './record/migrations/Migration20261128000300Record';
import { Account } from './auth/account.entity';
import { RefreshToken } from './auth/refresh-token.entity';
import { Migration20261128000200Auth } from './auth/migrations/Migration20261128000200Auth';
import { Topic } from './collectives/topic.entity';
import { Member } from './members/member.entity';
import { Bill } from './bills/bill.entity';
import { Ballot } from './ballots/ballot.entity';
import { Vote } from './votes/vote.entity';
import { Delegation } from './delegations/delegation.entity';
import { Migration20261201006002DelegationRequests } from './delegations/migrations/Migration20261201006002DelegationRequests';
import { Migration20261128000400Domain } from './database/migrations/Migration20261128000400Domain';
import { DEPUTIES_ENTITIES } from './deputies/entities';
import { COMPLIANCE_ENTITIES } from './compliance/entities/actual-vote.entity';
import { Migration20261202101000Compliance } from './compliance/migrations/Migration20261202101000Compliance';
import { Migration20261128000500Deputies } from './deputies/migrations/Migration20261128000500Deputies';
import { Migration20261203201000SortitionDrawJobs } from './deputies/migrations/Migration20261203201000SortitionDrawJobs';
import { Migration20261205101000RecordPayloadText } from './record/migrations/Migration20261205101000RecordPayloadText';
import { Migration20261205101100BallotResultText } from './ballots/migrations/Migration20261205101100BallotResultText';
import { Migration20261128000410CastVote } from './votes/migrations/Migration20261128000410CastVote';
import { Migration20261128000420ResultImmutable } from './ballots/migrations/Migration20261128000420ResultImmutable';
import { Migration20261202002100BallotPurpose } from './ballots/migrations/Migration20261202002100BallotPurpose';
import { Migration20261202201000BallotMethod } from './ballots/migrations/Migration20261202201000BallotMethod';
import { PluginSetting } from './plugins/plugin-setting.entity';
import { Migration20261128000600Plugins } from './plugins/migrations/Migration20261128000600Plugins';
import { Migration20261201001000MailOutbox } from './mail/migrations/Migration20261201001000MailOutbox';
import { Migration20261201001100MembershipBinding } from './members/migrations/Migration20261201001100MembershipBinding';
import { Migration20261201001200AccountTokens } from './identity/migrations/Migration20261201001200AccountTokens';
import { Migration20261201002100People } from './members/migrations/Migration20261201002100People';
import { Migration20261201003Notices } from './notices/migrations/Migration20261201003Notices';
import {
  BillVersion,
  Migration20261128000800TextVersions,
  Migration20261201006001ArticleIdIndex,
} from './texts';

/** The engine's entities, registered with MikroORM by the application. */
export const ENGINE_ENTITIES = [
  Collective,
  Account,
  RefreshToken,
  RecordEvent,
  Topic,
  Member,
  Bill,
  Ballot,
  Vote,
  Delegation,
  ...DEPUTIES_ENTITIES,
  ...COMPLIANCE_ENTITIES,
  PluginSetting,
  BillVersion,
];

/** The engine's migrations, kept per module and listed here explicitly. */
export const ENGINE_MIGRATIONS: readonly NamedMigration[] = [
  { name: 'Migration20261128000100Collectives', class: Migration20261128000100Collectives },
  { name: 'Migration20261128000200Auth', class: Migration20261128000200Auth },
  { name: 'Migration20261128000300Record', class: Migration20261128000300Record },
  { name: 'Migration20261128000400Domain', class: Migration20261128000400Domain },
  { name: 'Migration20261128000500Deputies', class: Migration20261128000500Deputies },
  { name: 'Migration20261128000410CastVote', class: Migration20261128000410CastVote },
  { name: 'Migration20261128000420ResultImmutable', class: Migration20261128000420ResultImmutable },
  { name: 'Migration20261128000600Plugins', class: Migration20261128000600Plugins },
  { name: 'Migration20261128000800TextVersions', class: Migration20261128000800TextVersions },
  { name: 'Migration20261201001000MailOutbox', class: Migration20261201001000MailOutbox },
  { name: 'Migration20261201001100MembershipBinding', class: Migration20261201001100MembershipBinding },
  { name: 'Migration20261201001200AccountTokens', class: Migration20261201001200AccountTokens },
  { name: 'Migration20261201002100People', class: Migration20261201002100People },
  { name: 'Migration20261201003Notices', class: Migration20261201003Notices },
  { name: 'Migration20261201006001ArticleIdIndex', class: Migration20261201006001ArticleIdIndex },
  {
    name: 'Migration20261201006002DelegationRequests',
    class: Migration20261201006002DelegationRequests,
  },
  { name: 'Migration20261202002100BallotPurpose', class: Migration20261202002100BallotPurpose },
  { name: 'Migration20261202101000Compliance', class: Migration20261202101000Compliance },
  { name: 'Migration20261202201000BallotMethod', class: Migration20261202201000BallotMethod },
  { name: 'Migration20261203201000SortitionDrawJobs', class: Migration20261203201000SortitionDrawJobs },
  { name: 'Migration20261205101000RecordPayloadText', class: Migration20261205101000RecordPayloadText },
  { name: 'Migration20261205101100BallotResultText', class: Migration20261205101100BallotResultText },
];
