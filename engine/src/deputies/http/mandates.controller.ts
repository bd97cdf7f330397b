import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessService } from '../../access/access.service';
import type { AuthenticatedAccount } from '../../auth/authenticated-account';
import { CurrentAccount } from '../../auth/current-account.decorator';
import { OptionalAuth, Public } from '../../auth/public.decorator';
import { MandateKeysService } from '../mandates/mandate-keys.service';
import { BillInstructionsQuery } from '../queries/deputies.queries';
import { BillParamDto } from '../../bills/bills.schemas';
import { CollectiveParamDto } from '../../collectives/collectives.schemas';

/** Public keys of the instruction signatures, key rotation, and the public per-bill instructions. */
@ApiTags('mandates')
@ApiBearerAuth()
@Controller()
export class MandatesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly access: AccessService,
    private readonly keys: MandateKeysService,
  ) {}

  /** Every collective's instruction keys, retired ones included (kid = `<collectiveId>.<thumbprint>`). */
  @Get('.well-known/jwks.json')
  @Public()
  jwks() {
    return this.keys.jwks();
  }

  @Get('api/collectives/:collectiveId/jwks.json')
  @Public()
  collectiveJwks(@Param() params: CollectiveParamDto) {
    return this.keys.jwks(params.collectiveId);
  }

  @Post('api/collectives/:collectiveId/signing-keys/rotate')
  @HttpCode(201)
  async rotate(@CurrentAccount() account: AuthenticatedAccount, @Param() params: CollectiveParamDto) {
    await this.access.assertCan(account, params.collectiveId, 'collective.configure');
    return this.keys.rotate(params.collectiveId);
  }

  /** How every deputy was instructed on a bill, ballot by ballot, with the signed instructions. */
  @Get('api/bills/:billId/mandates')
  @OptionalAuth()
  async bill(@CurrentAccount() account: AuthenticatedAccount | null, @Param() params: BillParamDto) {
    await this.access.assertCanOnBill(account, params.billId, 'mandate.read-public');
    return this.queries.execute(new BillInstructionsQuery(params.billId));
  }
}
