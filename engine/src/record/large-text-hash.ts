import { createHash } from 'node:crypto';

/** UTF-16 code units hashed between two yields to the event loop (a few milliseconds of work). */
const SLICE = 1 << 22;

/**
 * SHA-256 of the UTF-8 encoding of `text` (the same digest as `sha256Hex`), with node:crypto, in slices with a
 * yield to the event loop between them: a closed ballot's record payload runs to 100 MiB and more, which
 * would otherwise hold every other request for a quarter of a second or more. A slice never ends between the
 * two halves of a surrogate pair (each slice is encoded alone).
 */
export async function sha256HexInSlices(text: string): Promise<string> {
  const hash = createHash('sha256');
  let from = 0;
  while (from < text.length) {
    let to = Math.min(text.length, from + SLICE);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff) {
      to -= 1;
    }
    hash.update(text.slice(from, to), 'utf8');
    from = to;
    if (from < text.length) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return hash.digest('hex');
}
