import { Module } from '@nestjs/common';
import { RecordModule } from '../record/record.module';
import { ImportMembersHandler } from './commands/import-members.handler';
import { ChangeRoleHandler, UpdateMemberHandler } from './commands/member.handlers';
import { MembersController } from './members.controller';
import { GetImportHandler } from './queries/get-import.handler';
import { ListMembersHandler } from './queries/list-members.handler';

export const MemberCommandHandlers = [ImportMembersHandler, ChangeRoleHandler, UpdateMemberHandler];
export const MemberQueryHandlers = [ListMembersHandler, GetImportHandler];

/** Members: CSV import and its progress, roles, changes, the directory; their API. */
@Module({
  imports: [RecordModule],
  controllers: [MembersController],
  providers: [...MemberCommandHandlers, ...MemberQueryHandlers],
})
export class MembersModule {}
