/** The signed-in account's tokens, kept in localStorage so a reload stays signed in. */
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
}

export interface Account {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  /** False until the address is proven: the web client then shows how to verify it. */
  readonly emailVerified: boolean;
}

const STORAGE_KEY = 'liquide.session';

function load(): Tokens | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Tokens | null;
    return parsed && typeof parsed.accessToken === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

class Session {
  tokens = $state<Tokens | null>(load());
  account = $state<Account | null>(null);

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  store(tokens: Tokens | null): void {
    this.tokens = tokens;
    if (tokens) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    } else {
      localStorage.removeItem(STORAGE_KEY);
      this.account = null;
    }
  }
}

export const session = new Session();
