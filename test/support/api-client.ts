/** A small HTTP client for integration tests: one logged-in user talking to the real app. */
export interface ApiUser {
  readonly email: string;
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

/** Registers a fresh account (unique e-mail) and returns a client acting as it. */
export async function registerUser(baseUrl: string, name = 'user'): Promise<ApiUser> {
  counter += 1;
  const email = `${name}.${process.pid}.${counter}.${Date.now().toString(36)}@example.org`;
  const response = await request<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/register', {
    body: { email, password: 'correct horse battery', displayName: name },
  });
  if (response.status !== 201) {
    throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const token = response.body.accessToken;
  return {
    email,
    token,
    call: (method, path, body, headers) => request(baseUrl, method, path, { token, body, headers }),
  };
}
