import { Command } from '@nestjs/cqrs';

/** Create a bill with its text as ordered articles. */
export class CreateBillCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly input: {
      readonly title: string;
      readonly summary: string;
      readonly topicId: string | null;
      readonly articles: readonly { readonly heading: string; readonly text: string }[];
    },
  ) {
    super();
  }
}
