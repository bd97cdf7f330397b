import { createHash } from 'node:crypto';

/**
 * The Message-ID of the message with this dedupe key: the same key always gives the same id, so a
 * message sent again after a crash carries the id of the first copy (mail clients and the tests
 * recognise it as the same message).
 */
export function messageIdFor(dedupeKey: string, publicUrl: string): string {
  const digest = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40);
  return `<${digest}@${new URL(publicUrl).hostname || 'liquide.local'}>`;
}
