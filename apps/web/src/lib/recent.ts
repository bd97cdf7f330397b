/** Collectives this browser has opened, newest first, so people find their way back without an id. */
export interface RecentCollective {
  readonly id: string;
  readonly name: string;
}

const STORAGE_KEY = 'liquide.recent';

export function recentCollectives(): RecentCollective[] {
  try {
    const list = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as RecentCollective[];
    return Array.isArray(list) ? list.filter((c) => typeof c.id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCollective(collective: RecentCollective): void {
  const list = [collective, ...recentCollectives().filter((c) => c.id !== collective.id)].slice(0, 8);
  localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
}
