import { Query } from '@nestjs/cqrs';

export interface ImportProgress {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly total: number;
  readonly processed: number;
  readonly created: number;
  readonly updated: number;
  readonly errors: unknown[];
}

export class GetImportQuery extends Query<ImportProgress> {
  constructor(
    readonly collectiveId: string,
    readonly importId: string,
  ) {
    super();
  }
}
