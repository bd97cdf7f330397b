import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The project's one SHA-256 (FIPS 180-4), from `@noble/hashes`: synchronous and the same in Node.js and in the
 * browser, so that draws, proofs and record hashes computed by the server are recomputed by the web client and
 * the CLI with the same code.
 */
export function sha256(message: Uint8Array): Uint8Array {
  return nobleSha256(message);
}

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lowercase hexadecimal digits. */
export function sha256Hex(text: string): string {
  return bytesToHex(nobleSha256(utf8ToBytes(text)));
}
