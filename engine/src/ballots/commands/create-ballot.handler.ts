import { EntityManager } from '@mikro-orm/postgresql';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Bill } from '../../bills/bill.entity';
import { Collective } from '../../collectives/collective.entity';
import { BillErrorCode } from '../../bills/bills.errors';
import { LiquideError } from '../../errors/liquide-error';
import { RecordService } from '../../record/record.service';
import { Ballot } from '../ballot.entity';
import { CreateBallotCommand } from './ballot.commands';

@CommandHandler(CreateBallotCommand)
export class CreateBallotHandler implements ICommandHandler<CreateBallotCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly record: RecordService,
  ) {}

  async execute({ collectiveId, input }: CreateBallotCommand): Promise<{ id: string }> {
    return this.em.fork().transactional(async (em) => {
      const collective = await em.findOneOrFail(Collective, { id: collectiveId });
      const bill = await em.findOne(Bill, { id: input.billId, collective: collectiveId });
      if (!bill) {
        throw new LiquideError(BillErrorCode.BillNotFound, { field: 'billId' });
      }
      const settings = collective.settings;
      const ballot = new Ballot({
        collective: em.getReference(Collective, collectiveId, { wrapped: true }),
        bill: em.getReference(Bill, bill.id, { wrapped: true }),
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        visibility: input.visibility ?? settings.visibility,
        mandateMethod: input.mandateMethod ?? settings.mandateMethod,
        mandateBase: input.mandateBase ?? settings.mandateBase,
        deputies: input.deputies ?? settings.deputies,
        ...(input.purpose ? { purpose: input.purpose } : {}),
        ...(input.method ? { method: { id: input.method, options: input.methodOptions ?? null } } : {}),
      });
      await em.persist(ballot).flush();
      await this.record.append(em, collectiveId, 'ballot.created', {
        ballotId: ballot.id,
        billId: bill.id,
        purpose: ballot.purpose,
        opensAt: ballot.opensAt.toISOString(),
        closesAt: ballot.closesAt.toISOString(),
        visibility: ballot.visibility,
        mandate: { method: ballot.mandateMethod, base: ballot.mandateBase, deputies: ballot.deputies },
        seed: ballot.seed,
        // only on method ballots, so that yes / no / abstain ballots keep the payload they always had
        ...(ballot.methodOptions ? { method: { id: ballot.method, options: ballot.methodOptions } } : {}),
      });
      return { id: ballot.id };
    });
  }
}
