/** The roles a member may hold in a collective (several at once). */
export const ROLES = ['member', 'organiser', 'deputy', 'observer'] as const;
export type Role = (typeof ROLES)[number];
