/**
 * SQL condition (on a `member` row aliased `m`): the membership is bound to an account, i.e. its
 * holder has an account with the membership's address. The one definition of "joined", used by the
 * directory's filter and "my collectives".
 */
export const MEMBER_JOINED_SQL = 'exists (select 1 from account a where a.email = m.email)';
