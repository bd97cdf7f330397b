import { match } from './router.svelte';

export type RouteName =
  | 'home'
  | 'login'
  | 'invitation'
  | 'notifications'
  | 'unsubscribe'
  | 'member'
  | 'bill'
  | 'delegations'
  | 'deputy'
  | 'deputy-record'
  | 'bill-compliance'
  | 'compliance-settings'
  | 'organise'
  | 'sortition'
  | 'plugins'
  | 'members'
  | 'petitions'
  | 'petition'
  | 'agenda'
  | 'issue'
  | 'observe'
  | 'tally'
  | 'check-email'
  | 'verify-email'
  | 'forgot-password'
  | 'reset-password'
  | 'account'
  | 'not-found';

const TABLE: readonly [string, RouteName][] = [
  ['/', 'home'],
  ['/login', 'login'],
  ['/invitation/:token', 'invitation'],
  ['/notifications', 'notifications'],
  ['/unsubscribe', 'unsubscribe'],
  ['/check-email', 'check-email'],
  ['/verify-email/:token', 'verify-email'],
  ['/forgot-password', 'forgot-password'],
  ['/reset-password/:token', 'reset-password'],
  ['/account', 'account'],
  ['/c/:collectiveId', 'member'],
  ['/c/:collectiveId/bills/:billId', 'bill'],
  ['/c/:collectiveId/bills/:billId/compliance', 'bill-compliance'],
  ['/c/:collectiveId/deputies/:memberId', 'deputy-record'],
  ['/c/:collectiveId/delegations', 'delegations'],
  ['/c/:collectiveId/deputy', 'deputy'],
  ['/c/:collectiveId/organise', 'organise'],
  ['/c/:collectiveId/organise/sortition', 'sortition'],
  ['/c/:collectiveId/organise/plugins', 'plugins'],
  ['/c/:collectiveId/organise/members', 'members'],
  ['/c/:collectiveId/organise/compliance', 'compliance-settings'],
  ['/c/:collectiveId/petitions', 'petitions'],
  ['/c/:collectiveId/petitions/:petitionId', 'petition'],
  ['/c/:collectiveId/agenda', 'agenda'],
  ['/c/:collectiveId/agenda/:issueId', 'issue'],
  ['/c/:collectiveId/observe', 'observe'],
  ['/c/:collectiveId/observe/:ballotId', 'tally'],
];

export interface Route {
  readonly name: RouteName;
  readonly params: Record<string, string>;
}

export function resolveRoute(path: string): Route {
  for (const [pattern, name] of TABLE) {
    const params = match(pattern, path);
    if (params) {
      return { name, params };
    }
  }
  return { name: 'not-found', params: {} };
}

/** Links inside a collective. */
export const links = {
  member: (c: string) => `#/c/${c}`,
  bill: (c: string, billId: string) => `#/c/${c}/bills/${billId}`,
  delegations: (c: string) => `#/c/${c}/delegations`,
  deputy: (c: string) => `#/c/${c}/deputy`,
  organise: (c: string) => `#/c/${c}/organise`,
  sortition: (c: string) => `#/c/${c}/organise/sortition`,
  plugins: (c: string) => `#/c/${c}/organise/plugins`,
  members: (c: string) => `#/c/${c}/organise/members`,
  petitions: (c: string) => `#/c/${c}/petitions`,
  petition: (c: string, petitionId: string) => `#/c/${c}/petitions/${petitionId}`,
  agenda: (c: string) => `#/c/${c}/agenda`,
  issue: (c: string, issueId: string) => `#/c/${c}/agenda/${issueId}`,
  observe: (c: string) => `#/c/${c}/observe`,
  tally: (c: string, ballotId: string) => `#/c/${c}/observe/${ballotId}`,
  deputyRecord: (c: string, memberId: string) => `#/c/${c}/deputies/${memberId}`,
  billCompliance: (c: string, billId: string) => `#/c/${c}/bills/${billId}/compliance`,
  complianceSettings: (c: string) => `#/c/${c}/organise/compliance`,
};
