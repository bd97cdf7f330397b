import { Migration } from '@mikro-orm/migrations';

/**
 * A ballot declares its method: `yes-no-abstain` (every existing ballot, and still the default) or a
 * method of `engine/src/ballot-methods` with its options. A vote's `choice` holds either a yes / no /
 * abstain choice or, on a method ballot, the canonical JSON of the voter's ballot; the vote function
 * refuses the one kind on a ballot of the other (`vote.wrong_method`).
 */
export class Migration20261202201000BallotMethod extends Migration {
  override up(): void {
    this.addSql(`alter table ballot add column method text not null default 'yes-no-abstain'
  constraint ballot_method_check check (method in ('yes-no-abstain', 'preference', 'approval', 'd21'));`);
    this.addSql(`alter table ballot add column method_options jsonb null
  constraint ballot_method_options_check check ((method = 'yes-no-abstain') = (method_options is null));`);
    this.addSql('alter table vote drop constraint if exists vote_choice_check;');
    this.addSql(`alter table vote add constraint vote_choice_check
  check (choice in ('yes', 'no', 'abstain') or left(choice, 1) = '{');`);
    this.addSql(castVoteFunction(true));
  }

  override down(): void {
    this.addSql('alter table vote drop constraint if exists vote_choice_check;');
    this.addSql(
      `alter table vote add constraint vote_choice_check check (choice in ('yes', 'no', 'abstain'));`,
    );
    this.addSql(castVoteFunction(false));
    this.addSql('alter table ballot drop column if exists method_options;');
    this.addSql('alter table ballot drop column if exists method;');
  }
}

/** `liquide_cast_vote` as Migration20261201001100MembershipBinding wrote it, with or without the method check. */
function castVoteFunction(withMethodCheck: boolean): string {
  const methodCheck = withMethodCheck
    ? `  if (select method = 'yes-no-abstain' from ballot where id = p_ballot) <> (p_choice in ('yes', 'no', 'abstain')) then
    return jsonb_build_object('error', 'vote.wrong_method');
  end if;
`
    : '';
  return `create or replace function liquide_cast_vote(p_ballot uuid, p_account uuid, p_choice text, p_request text)
returns jsonb language plpgsql as $fn$
declare
  v jsonb;
  v_member uuid;
  stored record;
  receipt jsonb;
  proof text;
begin
  v := liquide_voter(p_ballot, p_account);
  if v ? 'error' then
    return v;
  end if;
${methodCheck}  v_member := (v->>'memberId')::uuid;
  -- now() is the transaction's time: the receipt is known before anything is written.
  proof := encode(sha256(convert_to(concat_ws(':', v->>'secret', p_ballot, v_member, p_choice, p_request), 'UTF8')), 'hex');
  receipt := jsonb_build_object('ballotId', p_ballot, 'choice', p_choice,
    'castAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'requestId', p_request, 'proof', proof, 'replayed', false);
  insert into vote_request (member_id, request_id, ballot_id, response)
  values (v_member, p_request, p_ballot, receipt) on conflict do nothing;
  if not found then
    select vr.ballot_id, vr.response into stored from vote_request vr
     where vr.member_id = v_member and vr.request_id = p_request;
    if stored.ballot_id <> p_ballot then
      return jsonb_build_object('error', 'vote.request_id_reused');
    end if;
    return jsonb_build_object('replayed', true, 'receipt', stored.response);
  end if;
  insert into vote (id, ballot_id, member_id, choice, cast_at) values (gen_random_uuid(), p_ballot, v_member, p_choice, now())
  on conflict (ballot_id, member_id) do update set choice = excluded.choice, cast_at = excluded.cast_at;
  insert into record_event (collective_id, type, payload, occurred_at)
  values ((v->>'collectiveId')::uuid, 'vote.cast', jsonb_build_object('ballotId', p_ballot, 'proof', proof),
          date_trunc('milliseconds', now()));
  return jsonb_build_object('replayed', false, 'receipt', receipt, 'collectiveId', v->'collectiveId',
    'memberId', v_member);
end
$fn$;`;
}
