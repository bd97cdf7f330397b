import { acceptLanguage } from '../i18n/i18n.svelte';
import { session, type Tokens } from '../session.svelte';
import type { FieldProblem } from './types';

/** A refusal from the API, with its stable code and its message in the reader's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly problems: readonly FieldProblem[] = [],
    /** The whole answer, for refusals that carry more than one field's problems (e.g. per-row reports). */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

interface CallOptions {
  readonly body?: unknown;
  /** Sent as-is with this content type (CSV import). */
  readonly text?: { content: string; type: string };
}

let refreshing: Promise<boolean> | null = null;

async function refresh(tokens: Tokens): Promise<boolean> {
  const response = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: tokens.refreshToken }),
  });
  if (!response.ok) {
    session.store(null);
    return false;
  }
  const pair = (await response.json()) as Tokens;
  session.store({ accessToken: pair.accessToken, refreshToken: pair.refreshToken });
  return true;
}

async function send(method: string, path: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { 'accept-language': acceptLanguage() };
  if (session.tokens) {
    headers.authorization = `Bearer ${session.tokens.accessToken}`;
  }
  let body: string | undefined;
  if (options.text) {
    headers['content-type'] = options.text.type;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return fetch(path, { method, headers, body });
}

/** Calls the API as the signed-in account (refreshing an expired access token once). */
export async function call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  const tokens = session.tokens;
  if (response.status === 401 && tokens) {
    refreshing ??= refresh(tokens).finally(() => (refreshing = null));
    if (await refreshing) {
      response = await send(method, path, options);
    }
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as {
      code?: string;
      message?: string;
      field?: string;
      errors?: FieldProblem[];
    };
    throw new ApiError(
      response.status,
      error.code ?? `http.${response.status}`,
      error.message ?? response.statusText,
      error.field,
      error.errors ?? [],
      parsed,
    );
  }
  return parsed as T;
}
