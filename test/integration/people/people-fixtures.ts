import { registerUnverifiedUser, request, type ApiUser } from '../../support/api-client';
import type { SmtpTestServer } from '../../support/smtp-test-server';

/**
 * Registers a fresh account and verifies its address as its owner would with SMTP_URL set: reads the
 * verification e-mail at the test's SMTP server and follows its link.
 */
export function registerViaSmtp(smtp: SmtpTestServer) {
  return async (baseUrl: string, name: string, email?: string): Promise<ApiUser> => {
    const user = await registerUnverifiedUser(baseUrl, name, email);
    const mail = await smtp.waitFor((m) => m.to === user.email && /#\/verify-email\//.test(m.text), 30_000);
    const token = /#\/verify-email\/([\w-]+)/.exec(mail.text)![1];
    const verified = await request(baseUrl, 'POST', '/api/auth/verify-email', { body: { token } });
    if (verified.status !== 200) {
      throw new Error(`verify-email failed: ${verified.status} ${JSON.stringify(verified.body)}`);
    }
    return user;
  };
}
