import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { BUSY_MACHINE_WAIT_MS } from './wait';

/** A message the test SMTP server accepted, parsed. */
export interface ReceivedMail {
  readonly to: string;
  readonly messageId: string;
  readonly dedupeKey: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly parsed: ParsedMail;
}

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Answers the next `count` messages with this SMTP error instead of accepting them. */
  refuseNext(count: number, code: number, message?: string): void;
  /** Waits (up to `timeoutMs`) until `predicate` holds for a received message, and returns it. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  /** Waits until at least `count` messages arrived. */
  waitForCount(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on a free loopback port, reading messages with
 * mailparser. A message is recorded when the server answers 250 (after `replyDelayMs`, if given).
 */
export async function startSmtpTestServer(options: { replyDelayMs?: number } = {}): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let refusals: { count: number; code: number; message: string } = { count: 0, code: 0, message: '' };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 5 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.replyDelayMs) {
            // a slow server: the message is complete here, the client waits for the answer
            await new Promise((resolve) => setTimeout(resolve, options.replyDelayMs));
          }
          if (refusals.count > 0) {
            refusals.count -= 1;
            const error = new Error(refusals.message) as Error & { responseCode: number };
            error.responseCode = refusals.code;
            callback(error);
            return;
          }
          const header = parsed.headers.get('x-liquide-dedupe-key');
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            messageId: parsed.messageId ?? '',
            dedupeKey: typeof header === 'string' ? header : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            parsed,
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  // a client killed mid-session resets its connection: expected in crash tests, not a failure
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  async function until<T>(probe: () => T | undefined, asked: number, what: string): Promise<T> {
    const timeoutMs = Math.max(asked, BUSY_MACHINE_WAIT_MS);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) {
        return value;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `SMTP test server: ${what} not received within ${timeoutMs} ms (${received.length} received)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseNext(count, code, message = 'Try again later') {
      refusals = { count, code, message };
    },
    waitFor: (predicate, timeoutMs = 20_000) =>
      until(() => received.find(predicate), timeoutMs, 'the message'),
    waitForCount: (count, timeoutMs = 20_000) =>
      until(() => (received.length >= count ? true : undefined), timeoutMs, `${count} messages`).then(
        () => undefined,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's text that starts with `prefix`. */
export function linkIn(mail: { text: string }, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s>)\\]]*`).exec(mail.text);
  if (!match) {
    throw new Error(`No link starting with ${prefix} in: ${mail.text}`);
  }
  return match[0];
}
