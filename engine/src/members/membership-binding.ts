/**
 * SQL condition (on a `member` row aliased `m`): the membership is bound to an account (see
 * `membership.ts`: only ever to an account that proved the address). The one definition of
 * "joined", used by the directory's filter and the invitations.
 */
export const MEMBER_JOINED_SQL = 'm.account_id is not null';
