import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  AmendmentBallotInput,
  AmendmentPhaseInput,
  CreateContestInput,
  ProposeAmendmentInput,
  RankingInput,
} from '../../contracts';

export class ProposeAmendmentDto extends createZodDto(ProposeAmendmentInput) {}
export class AmendmentPhaseDto extends createZodDto(AmendmentPhaseInput) {}
export class AmendmentBallotDto extends createZodDto(AmendmentBallotInput) {}
export class CreateContestDto extends createZodDto(CreateContestInput) {}
export class RankingDto extends createZodDto(RankingInput) {}
export class AmendmentBillParamDto extends createZodDto(z.strictObject({ billId: z.uuid() })) {}
export class AmendmentParamDto extends createZodDto(z.strictObject({ amendmentId: z.uuid() })) {}
export class ContestParamDto extends createZodDto(z.strictObject({ contestId: z.uuid() })) {}
