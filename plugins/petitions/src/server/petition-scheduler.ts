import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DueScheduler } from '@liquide/engine';
import { ClosePetitionCommand, OpenSignaturesCommand } from './commands/petition.commands';

interface DuePetition {
  readonly id: string;
  readonly status: string;
}

/**
 * Ends deliberations and collection windows when their time comes. Safe with several instances:
 * both commands lock the petition and do nothing when it already moved on.
 */
@Injectable()
export class PetitionScheduler extends DueScheduler<DuePetition> {
  protected readonly logger = new Logger(PetitionScheduler.name);

  constructor(
    private readonly em: EntityManager,
    commands: CommandBus,
  ) {
    super(commands);
  }

  protected findDue(): Promise<DuePetition[]> {
    return this.em.fork().execute<DuePetition[]>(
      `select id, status from petition
         where (status = 'open' and closes_at <= now()) or (status = 'deliberation' and deliberation_ends_at <= now())
         order by coalesce(closes_at, deliberation_ends_at) limit 50`,
    );
  }

  protected commandFor({ id, status }: DuePetition): ClosePetitionCommand | OpenSignaturesCommand {
    return status === 'open' ? new ClosePetitionCommand(id, true) : new OpenSignaturesCommand(id, true);
  }

  protected label({ id }: DuePetition): string {
    return `petition ${id}`;
  }
}
