import { Query } from '@nestjs/cqrs';
import type { PetitionLiveState, PetitionOpenData, PetitionStatus, PetitionView } from '../../contracts';

export class GetPetitionQuery extends Query<PetitionView> {
  constructor(
    readonly petitionId: string,
    readonly memberId: string | null,
  ) {
    super();
  }
}

/** A petition in a list. */
export interface PetitionSummary {
  readonly id: string;
  readonly title: string;
  readonly addressee: string;
  readonly status: PetitionStatus;
  readonly signatures: number;
  readonly sponsors: number;
  readonly createdAt: string;
  readonly closesAt: string | null;
}

export class ListPetitionsQuery extends Query<PetitionSummary[]> {
  constructor(readonly collectiveId: string) {
    super();
  }
}

/** A comment or argument, as members see it. */
export interface CommentView {
  readonly id: string;
  readonly stance: 'comment' | 'for' | 'against';
  readonly text: string;
  readonly author: { readonly displayName: string };
  readonly createdAt: string;
}

export class ListCommentsQuery extends Query<CommentView[]> {
  constructor(readonly petitionId: string) {
    super();
  }
}

export class PetitionLiveStateQuery extends Query<PetitionLiveState> {
  constructor(readonly petitionId: string) {
    super();
  }
}

export class PetitionOpenDataQuery extends Query<PetitionOpenData> {
  constructor(readonly petitionId: string) {
    super();
  }
}
