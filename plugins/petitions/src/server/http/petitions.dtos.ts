import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AnswerInput, CommentInput, DraftPetitionInput, ModeratePetitionInput } from '../../contracts';

export class DraftPetitionDto extends createZodDto(DraftPetitionInput) {}
export class ModeratePetitionDto extends createZodDto(ModeratePetitionInput) {}
export class CommentDto extends createZodDto(CommentInput) {}
export class AnswerDto extends createZodDto(AnswerInput) {}
export class PetitionParamDto extends createZodDto(z.strictObject({ petitionId: z.uuid() })) {}
export class PetitionCollectiveParamDto extends createZodDto(z.strictObject({ collectiveId: z.uuid() })) {}
