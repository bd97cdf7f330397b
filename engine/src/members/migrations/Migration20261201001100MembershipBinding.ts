import { Migration } from '@mikro-orm/migrations';

/**
 * One membership, one verified person. An account's address counts once verified
 * (`account.email_verified_at`); a member is bound to an account explicitly (`member.account_id`), and
 * the vote functions find the voter by that binding, never by e-mail. Existing bindings are not
 * guessed from addresses (that guess was the takeover bug): every account verifies its address once.
 */
export class Migration20261201001100MembershipBinding extends Migration {
  override up(): void {
    this.addSql('alter table "account" add column "email_verified_at" timestamptz null;');
    this.addSql(
      'alter table "member" add column "account_id" uuid null references "account" ("id") on delete set null;',
    );
    this.addSql(
      'create unique index "member_collective_account_unique" on "member" ("collective_id", "account_id") where "account_id" is not null;',
    );
    this.addSql(
      'create index "member_account_id_index" on "member" ("account_id") where "account_id" is not null;',
    );

    this.addSql('drop function if exists liquide_cast_vote(uuid, text, text, text);');
    this.addSql('drop function if exists liquide_voter(uuid, text);');
    this.addSql(`create function liquide_voter(p_ballot uuid, p_account uuid)
returns jsonb language plpgsql as $fn$
declare
  b record;
  m record;
  t timestamptz := now();
begin
  perform pg_advisory_xact_lock_shared(hashtextextended(p_ballot::text, 0));
  select ballot.collective_id, ballot.status, ballot.opens_at, ballot.closes_at, c.record_secret
    into b from ballot join collective c on c.id = ballot.collective_id where ballot.id = p_ballot;
  if not found then
    return jsonb_build_object('error', 'ballot.not_found');
  end if;
  select id, roles, active, voting_rights into m from member
   where collective_id = b.collective_id and account_id = p_account;
  if not found then
    if exists (select 1 from account where id = p_account and email_verified_at is null) then
      return jsonb_build_object('error', 'auth.email_unverified');
    end if;
    return jsonb_build_object('error', 'access.forbidden');
  end if;
  if not m.active or not ('member' = any (m.roles)) then
    return jsonb_build_object('error', 'access.forbidden');
  end if;
  if not m.voting_rights then
    return jsonb_build_object('error', 'vote.no_voting_rights');
  end if;
  if b.status <> 'open' then
    return jsonb_build_object('error', 'ballot.not_open', 'status', b.status);
  end if;
  if t < b.opens_at or t >= b.closes_at then
    return jsonb_build_object('error', 'ballot.outside_window', 'opensAt', b.opens_at, 'closesAt', b.closes_at);
  end if;
  return jsonb_build_object('collectiveId', b.collective_id, 'memberId', m.id, 'secret', b.record_secret);
end
$fn$;`);
    this
      .addSql(`create function liquide_cast_vote(p_ballot uuid, p_account uuid, p_choice text, p_request text)
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
  v_member := (v->>'memberId')::uuid;
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
$fn$;`);
  }

  override down(): void {
    this.addSql('drop function if exists liquide_cast_vote(uuid, uuid, text, text);');
    this.addSql('drop function if exists liquide_voter(uuid, uuid);');
    this.addSql('drop index if exists "member_account_id_index";');
    this.addSql('drop index if exists "member_collective_account_unique";');
    this.addSql('alter table "member" drop column if exists "account_id";');
    this.addSql('alter table "account" drop column if exists "email_verified_at";');
  }
}
