/** A tiny hash router: `#/c/<id>/bills/<billId>?x=y` → path segments and query. */
export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

function read(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

class Router {
  location = $state<Location>(read());

  constructor() {
    window.addEventListener('hashchange', () => {
      this.location = read();
    });
  }
}

export const router = new Router();

export function navigate(path: string): void {
  window.location.hash = path;
}

/** `pattern` like `/c/:collectiveId/bills/:billId`; answers the parameters, or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) {
      params[part.slice(1)] = decodeURIComponent(have[i]);
    } else if (part !== have[i]) {
      return null;
    }
  }
  return params;
}

/** The current location as a `next=` value for the sign-in page. */
export function here(): string {
  const { path, query } = router.location;
  const rest = query.toString();
  return rest ? `${path}?${rest}` : path;
}
