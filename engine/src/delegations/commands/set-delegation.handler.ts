import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { Bill } from '../../bills/bill.entity';
import { Collective } from '../../collectives/collective.entity';
import { Topic } from '../../collectives/topic.entity';
import { DelegationErrorCode } from '../delegations.errors';
import { CollectiveErrorCode } from '../../collectives/collectives.errors';
import { BillErrorCode } from '../../bills/bills.errors';
import { DelegationSetEvent } from '../delegations.events';
import { LiquideError } from '../../errors/liquide-error';
import { Member } from '../../members/member.entity';
import { recordProof } from '../../record/record-proof';
import { RecordService } from '../../record/record.service';
import { Delegation } from '../delegation.entity';
import { claimRequest, storeAnswer } from '../delegation-requests';
import { toDelegationView } from '../delegation.view';
import { SetDelegationCommand, type DelegationView } from './set-delegation.command';

@CommandHandler(SetDelegationCommand)
export class SetDelegationHandler implements ICommandHandler<SetDelegationCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
    private readonly events: EventBus,
  ) {}

  async execute(command: SetDelegationCommand): Promise<DelegationView> {
    const { view, event } = await this.em.fork().transactional(async (em) => {
      if (command.requestId !== undefined) {
        const stored = await claimRequest<DelegationView>(em, command.memberId, command.requestId, {
          action: 'set',
          collectiveId: command.collectiveId,
          scope: command.scope,
          target: command.target,
          trustees: command.trustees,
          expiresAt: command.expiresAt?.toISOString() ?? null,
        });
        if (stored.replayed && stored.response) {
          return { view: stored.response, event: null };
        }
      }
      await this.assertValid(em, command);
      const scopeKey = command.scope === 'global' ? 'global' : `${command.scope}:${command.target}`;
      // one writer at a time per member and scope: two first delegations sent at once would both
      // find nothing and both insert, and the second would break the unique key (a 500)
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
        `delegation:${command.memberId}:${scopeKey}`,
      ]);
      const existing = await em.findOne(Delegation, { member: command.memberId, scopeKey });
      let delegation: Delegation;
      const previousTrustees = existing ? [...existing.trustees] : [];
      if (existing) {
        existing.trustees = [...command.trustees];
        existing.expiresAt = command.expiresAt;
        existing.updatedAt = new Date();
        delegation = existing;
      } else {
        delegation = new Delegation({
          collective: em.getReference(Collective, command.collectiveId, { wrapped: true }),
          member: em.getReference(Member, command.memberId, { wrapped: true }),
          scope: command.scope,
          target: command.target,
          trustees: [...command.trustees],
          expiresAt: command.expiresAt,
        });
        em.persist(delegation);
      }
      await em.flush();
      const answer = toDelegationView(delegation);
      if (command.requestId !== undefined) {
        await storeAnswer(em, command.memberId, command.requestId, answer);
      }
      await this.record.append(em, command.collectiveId, 'delegation.set', {
        scope: command.scope,
        target: command.target,
        proof: await recordProof(em, command.collectiveId, [
          'delegation',
          command.memberId,
          delegation.scopeKey,
          command.trustees,
        ]),
      });
      return {
        view: answer,
        event: new DelegationSetEvent(
          command.collectiveId,
          command.memberId,
          command.scope,
          command.target,
          command.trustees,
          command.expiresAt,
          previousTrustees,
        ),
      };
    });
    if (event) {
      this.events.publish(event);
    }
    return view;
  }

  private async assertValid(em: EntityManager, command: SetDelegationCommand): Promise<void> {
    if (command.expiresAt && command.expiresAt.getTime() <= Date.now()) {
      throw new LiquideError(DelegationErrorCode.DelegationExpiryPast, { field: 'expiresAt' });
    }
    const seen = new Set<string>();
    for (const [index, trustee] of command.trustees.entries()) {
      const field = `trustees[${index}]`;
      if (trustee === command.memberId) {
        throw new LiquideError(DelegationErrorCode.SelfDelegation, { field });
      }
      if (seen.has(trustee)) {
        throw new LiquideError(DelegationErrorCode.DuplicateTrustee, { field, params: { trustee } });
      }
      seen.add(trustee);
    }
    if (command.trustees.length > 0) {
      const found = await em.find(
        Member,
        { id: { $in: [...command.trustees] }, collective: command.collectiveId, active: true },
        { fields: ['id'] },
      );
      const ids = new Set(found.map((member) => member.id));
      const missing = command.trustees.findIndex((trustee) => !ids.has(trustee));
      if (missing >= 0) {
        throw new LiquideError(DelegationErrorCode.TrusteeNotMember, {
          field: `trustees[${missing}]`,
          params: { trustee: command.trustees[missing] },
        });
      }
    }
    if (command.scope === 'topic') {
      const topic = await em.findOne(Topic, { id: command.target ?? '', collective: command.collectiveId });
      if (!topic) {
        throw new LiquideError(CollectiveErrorCode.TopicNotFound, { field: 'topicId' });
      }
    }
    if (command.scope === 'bill') {
      const bill = await em.findOne(Bill, { id: command.target ?? '', collective: command.collectiveId });
      if (!bill) {
        throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
      }
    }
  }
}
