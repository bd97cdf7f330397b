import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { othersChoicesSecret } from '../ballots/ballot-secrecy';
import type { Visibility } from '../ballots/ballot.types';
import { loadBallotSnapshot } from '../ballots/scenario-builder';
import { DueScheduler } from '../common/due-scheduler';
import { LiquideError } from '../errors/liquide-error';
import { LiveService } from '../live/live.service';
import { LiveTally } from '../tally';
import { NoticeStore } from './notice.store';
import { RemindUnrepresentedCommand } from './notices.commands';
import { NoticeErrorCode } from './notices.errors';

/** How long before its close a ballot reminds the members nobody represents. */
export const REMIND_BEFORE_MS = 24 * 3_600_000;

@CommandHandler(RemindUnrepresentedCommand)
export class RemindUnrepresentedHandler implements ICommandHandler<RemindUnrepresentedCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly store: NoticeStore,
    private readonly live: LiveService,
  ) {}

  async execute({ ballotId }: RemindUnrepresentedCommand): Promise<number> {
    const em = this.em.fork();
    const [ballot] = await em.execute<
      {
        collective_id: string;
        bill_id: string;
        title: string;
        closes_at: Date;
        visibility: Visibility;
        reminded: boolean;
      }[]
    >(
      `select b.collective_id, b.bill_id, bill.title, b.closes_at, b.visibility,
              exists (select 1 from notice_ballot_reminder r where r.ballot_id = b.id) as reminded
         from ballot b join bill on bill.id = b.bill_id where b.id = ? and b.status = 'open'`,
      [ballotId],
    );
    if (!ballot || ballot.reminded) {
      throw new LiquideError(NoticeErrorCode.AlreadyReminded, { field: 'ballotId' });
    }
    const snapshot = await loadBallotSnapshot(em, ballotId, new Date());
    if (!snapshot) {
      return 0;
    }
    const tally = new LiveTally(snapshot.scenario);
    // On a hidden ballot, a chain lost because the trustees did not vote would tell that they did not
    // (ballot secrecy, docs/security.md): only members with no delegation that applies are reminded there.
    const secret = othersChoicesSecret({ visibility: ballot.visibility, status: 'open' });
    const nobody = snapshot.scenario.members
      .map((member) => member.id)
      .filter((id) => {
        const status = tally.representation(id).status;
        return status === 'absent' || (status === 'lost' && !secret);
      });
    // Notices first (idempotent per member and cause), then the mark: a crash in between only repeats
    // the inserts, which store nothing twice.
    const stored = await this.store.insertFor(
      {
        collectiveId: ballot.collective_id,
        kind: 'ballot.closing-unrepresented',
        cause: `closing-unrepresented:${ballotId}`,
        subject: { type: 'ballot', id: ballotId, billId: ballot.bill_id, title: ballot.title },
        params: { closesAt: new Date(ballot.closes_at).toISOString() },
      },
      nobody,
    );
    await em.execute('insert into notice_ballot_reminder (ballot_id) values (?) on conflict do nothing', [
      ballotId,
    ]);
    for (const { memberId, ...view } of await this.store.views(stored.map((notice) => notice.id))) {
      this.live.toMembers([memberId], 'notice:new', view);
    }
    return stored.length;
  }
}

/** Reminds, once per ballot, the members nobody represents when a ballot closes within 24 hours. */
@Injectable()
export class ClosingReminderScheduler extends DueScheduler<{ id: string }> {
  protected readonly logger = new Logger(ClosingReminderScheduler.name);

  constructor(
    private readonly em: EntityManager,
    commands: CommandBus,
  ) {
    super(commands, 5000);
  }

  protected findDue(): Promise<{ id: string }[]> {
    return this.em.fork().execute<{ id: string }[]>(
      `select b.id from ballot b
        where b.status = 'open' and b.closes_at > now() and b.closes_at <= now() + ? * interval '1 millisecond'
          and not exists (select 1 from notice_ballot_reminder r where r.ballot_id = b.id)
        order by b.closes_at limit 20`,
      [REMIND_BEFORE_MS],
    );
  }

  protected commandFor({ id }: { id: string }): RemindUnrepresentedCommand {
    return new RemindUnrepresentedCommand(id);
  }

  protected label({ id }: { id: string }): string {
    return `closing reminder of ballot ${id}`;
  }
}
