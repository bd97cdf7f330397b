/** A reply of the Liquide API: its status and its parsed body (the text when it is not JSON). */
export interface Reply<T> {
  readonly status: number;
  readonly body: T;
}

/** The few HTTP calls `liquide seed-demo` makes against a running server. */
export class Api {
  constructor(private readonly baseUrl: string) {}

  async call<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (options.token) {
      headers.authorization = `Bearer ${options.token}`;
    }
    let payload: string | undefined;
    if (typeof options.body === 'string') {
      payload = options.body;
      headers['content-type'] = 'text/csv';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error message
    }
    return { status: response.status, body: body as T };
  }

  /** Calls and insists on the expected status, naming the step on failure. */
  async expect<T>(
    step: string,
    expected: number,
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<T> {
    const reply = await this.call<T>(method, path, options);
    if (reply.status !== expected) {
      throw new Error(`${step}: HTTP ${reply.status} (expected ${expected}) ${JSON.stringify(reply.body)}`);
    }
    return reply.body;
  }
}
