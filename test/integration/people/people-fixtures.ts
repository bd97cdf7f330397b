import { registerUnverifiedUser, type ApiUser } from '../../support/api-client';
import type { SmtpTestServer } from '../../support/smtp-test-server';
import { verifyBySmtp } from '../identity/identity-kit';

/**
 * `createCollective`'s `register` for tests running with SMTP_URL: registers a fresh account and
 * verifies its address by the link mailed to the test's SMTP server (start the app with the
 * identity kit's PUBLIC_URL).
 */
export function registerViaSmtp(smtp: SmtpTestServer) {
  return async (baseUrl: string, name: string, email?: string): Promise<ApiUser> => {
    const user = await registerUnverifiedUser(baseUrl, name, email);
    await verifyBySmtp(baseUrl, smtp, user.email);
    return user;
  };
}
