import { Command } from '@nestjs/cqrs';
import type { CollectiveSettings } from '../collective.entity';

/** Create a collective; its creator becomes its first organiser and member. */
export class CreateCollectiveCommand extends Command<{ id: string }> {
  constructor(
    readonly name: string,
    readonly slug: string,
    readonly settings: Partial<CollectiveSettings>,
    /** The founding account; it must have verified its address (it becomes the first organiser). */
    readonly creator: { readonly accountId: string; readonly email: string; readonly displayName: string },
  ) {
    super();
  }
}

/** Change some of a collective's settings. */
export class UpdateCollectiveSettingsCommand extends Command<CollectiveSettings> {
  constructor(
    readonly collectiveId: string,
    readonly settings: Partial<CollectiveSettings>,
  ) {
    super();
  }
}

/** Add a topic (the scope of topic delegations). */
export class CreateTopicCommand extends Command<{ id: string }> {
  constructor(
    readonly collectiveId: string,
    readonly slug: string,
    readonly name: string,
  ) {
    super();
  }
}
