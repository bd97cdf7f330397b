import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { RecordModule } from '../record/record.module';
import { AcceptInvitationHandler } from './invitations/accept-invitation.handler';
import {
  AddMemberHandler,
  GetInvitationHandler,
  ListPendingInvitationsHandler,
  RevokeInvitationHandler,
  SendInvitationsHandler,
} from './invitations/invitation.handlers';
import { InvitationSender } from './invitations/invitation-sender';
import { InvitationsController } from './invitations/invitations.controller';
import {
  DecideJoinRequestHandler,
  ListJoinRequestsHandler,
  MyJoinRequestHandler,
  RequestToJoinHandler,
} from './join-requests/join-request.handlers';
import { JoinRequestsController } from './join-requests/join-requests.controller';
import { MeController } from './me.controller';
import './people.errors';
import { MyCollectivesHandler } from './queries/my-collectives.handler';

/**
 * People and places: invitations (add, invite, resend, revoke, follow), requests to join public
 * collectives, and "my collectives". The member directory and deactivation live with the members.
 */
@Module({
  imports: [AuthModule, RecordModule],
  controllers: [MeController, InvitationsController, JoinRequestsController],
  providers: [
    InvitationSender,
    SendInvitationsHandler,
    RevokeInvitationHandler,
    AddMemberHandler,
    AcceptInvitationHandler,
    GetInvitationHandler,
    ListPendingInvitationsHandler,
    RequestToJoinHandler,
    DecideJoinRequestHandler,
    ListJoinRequestsHandler,
    MyJoinRequestHandler,
    MyCollectivesHandler,
  ],
})
export class PeopleModule {}
