/**
 * A growable UTF-8 buffer for writing JSON text byte by byte: `JSON.stringify`'s output for strings and
 * numbers, without making one string per value and encoding the whole text again at the end.
 */
export class JsonBytes {
  private bytes: Uint8Array;
  private size = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
  }

  /** The text written so far (a view on the buffer; valid until the next write). */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.size);
  }

  /** Appends text made only of characters below U+0080 that need no escape (punctuation, keys, numbers). */
  ascii(text: string): void {
    this.reserve(text.length);
    const { bytes } = this;
    let at = this.size;
    for (let i = 0; i < text.length; i++) {
      bytes[at++] = text.charCodeAt(i);
    }
    this.size = at;
  }

  /** Appends one byte (an ASCII character code). */
  byte(code: number): void {
    this.reserve(1);
    this.bytes[this.size++] = code;
  }

  /** Appends `JSON.stringify(text)`: printable ASCII is copied as is, anything else goes through it. */
  string(text: string): void {
    const length = text.length;
    this.reserve(length + 2);
    const { bytes } = this;
    let at = this.size;
    bytes[at++] = 34;
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        this.any(JSON.stringify(text));
        return;
      }
      bytes[at++] = c;
    }
    bytes[at++] = 34;
    this.size = at;
  }

  /** Appends any text, encoded as UTF-8 (lone surrogates become U+FFFD, as `TextEncoder` does). */
  any(text: string): void {
    this.reserve(text.length * 3);
    this.size += this.encoder.encodeInto(text, this.bytes.subarray(this.size)).written;
  }

  private reserve(extra: number): void {
    const needed = this.size + extra;
    if (needed <= this.bytes.length) {
      return;
    }
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
  }
}
