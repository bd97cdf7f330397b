/** A small HTTP client for integration tests: one logged-in user talking to the real app. */
export interface ApiUser {
  readonly email: string;
  /** The account's id (the access token's subject). */
  readonly accountId: string;
  readonly token: string;
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse<T>>;
}

export interface ApiResponse<T> {
  readonly status: number;
  readonly body: T;
}

export async function request<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let payload: string | undefined;
  if (typeof options.body === 'string') {
    payload = options.body;
    headers['content-type'] ??= 'text/csv';
  } else if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (CSV, HTML): keep the text
  }
  return { status: response.status, body: body as T };
}

let counter = 0;

/** The password every test account registers with. */
export const TEST_PASSWORD = 'correct horse battery';

/** A fresh, unique test address. */
export function freshEmail(name = 'user'): string {
  counter += 1;
  return `${name}.${process.pid}.${counter}.${Date.now().toString(36)}@example.org`.toLowerCase();
}

/**
 * Registers a fresh account (unique e-mail) and signs in, without verifying the address: the
 * account holds no membership, vote or role until it does (see {@link verifyEmail}).
 */
export async function registerUnverifiedUser(
  baseUrl: string,
  name = 'user',
  email = freshEmail(name),
): Promise<ApiUser> {
  const response = await request(baseUrl, 'POST', '/api/auth/register', {
    body: { email, password: TEST_PASSWORD, displayName: name },
  });
  if (response.status !== 202) {
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const login = await request<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { email, password: TEST_PASSWORD },
  });
  if (login.status !== 200) {
    throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  }
  const token = login.body.accessToken;
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
  };
  return {
    email,
    accountId: claims.sub,
    token,
    call: (method, path, body, headers) => request(baseUrl, method, path, { token, body, headers }),
  };
}

/**
 * Verifies an address the way its owner does: reads the newest verification link mailed to it (from
 * the server's local outbox, `/api/dev/mail`, which exists only without SMTP_URL outside production)
 * and follows it through `POST /api/auth/verify-email`. Waits for the mail with a generous limit.
 */
export async function verifyEmail(baseUrl: string, email: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inbox = await request<{ text: string }[]>(
      baseUrl,
      'GET',
      `/api/dev/mail/messages?to=${encodeURIComponent(email.toLowerCase())}`,
    );
    const link = Array.isArray(inbox.body)
      ? inbox.body.map((mail) => /#\/verify-email\/([\w-]+)/.exec(mail.text)?.[1]).find(Boolean)
      : undefined;
    if (link) {
      const verified = await request(baseUrl, 'POST', '/api/auth/verify-email', { body: { token: link } });
      if (verified.status !== 200) {
        throw new Error(`verify-email failed: ${verified.status} ${JSON.stringify(verified.body)}`);
      }
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`no verification link mailed to ${email} within ${timeoutMs} ms (${inbox.status})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Registers a fresh account, verifies its address by its mailed link, and returns a client acting as it. */
export async function registerUser(baseUrl: string, name = 'user'): Promise<ApiUser> {
  const user = await registerUnverifiedUser(baseUrl, name);
  await verifyEmail(baseUrl, user.email);
  return user;
}
