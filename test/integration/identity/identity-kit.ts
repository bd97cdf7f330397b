import { Client } from 'pg';
import { freshEmail, request, TEST_PASSWORD, type ApiUser } from '../../support/api-client';
import { linkIn, type ReceivedMail, type SmtpTestServer } from '../../support/smtp-test-server';

/** The web client's address the test server puts in its links. */
export const PUBLIC_URL = 'http://web.liquide.test';

/** The token at the end of a link of the given page (`verify-email` or `reset-password`). */
export function tokenFrom(mail: ReceivedMail, page: 'verify-email' | 'reset-password'): string {
  const link = linkIn(mail, `${PUBLIC_URL}/#/${page}/`);
  return link.slice(link.lastIndexOf('/') + 1);
}

/** Registers and signs in; the address stays unverified. */
export async function registerAndSignIn(
  baseUrl: string,
  name: string,
  email = freshEmail(name),
): Promise<ApiUser> {
  const registered = await request(baseUrl, 'POST', '/api/auth/register', {
    body: { email, password: TEST_PASSWORD, displayName: name },
  });
  if (registered.status !== 202) {
    throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  }
  return signIn(baseUrl, email);
}

/** Signs in with the test password. */
export async function signIn(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<ApiUser> {
  const login = await request<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { email, password },
  });
  if (login.status !== 200) {
    throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
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

/** Waits for the verification mail to `email` at the SMTP server and follows its link. */
export async function verifyBySmtp(
  baseUrl: string,
  smtp: SmtpTestServer,
  email: string,
): Promise<ReceivedMail> {
  const mail = await smtp.waitFor((m) => m.to === email && m.text.includes('/#/verify-email/'));
  const answer = await request(baseUrl, 'POST', '/api/auth/verify-email', {
    body: { token: tokenFrom(mail, 'verify-email') },
  });
  if (answer.status !== 200) {
    throw new Error(`verify-email: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return mail;
}

/** Runs one query on the test's database (to read what is bound, or to age a link). */
export async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
