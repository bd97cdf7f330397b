import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const CreateBillInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  summary: z.string().trim().max(5000).default(''),
  topicId: z.uuid().nullable().optional(),
  articles: z
    .array(
      z.strictObject({
        heading: z.string().trim().max(300).default(''),
        text: z.string().trim().min(1).max(50_000),
      }),
    )
    .min(1)
    .max(1000),
});
export class CreateBillDto extends createZodDto(CreateBillInput) {}

export const BillParam = z.strictObject({ billId: z.uuid() });
export class BillParamDto extends createZodDto(BillParam) {}
