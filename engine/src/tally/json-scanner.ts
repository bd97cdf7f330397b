import { NOT_FAST } from './not-fast';

/**
 * The JSON tokens of the fast scenario reader: reads a JSON text in place (`charCodeAt`, no object built),
 * throwing {@link NOT_FAST} at anything it does not take, so that the caller falls back to `JSON.parse`.
 */
export class JsonScanner {
  protected pos = 0;
  /** The last string token: `text[tokenStart … tokenEnd)`, and whether it holds escapes. */
  protected tokenStart = 0;
  protected tokenEnd = 0;
  protected escaped = false;

  constructor(protected readonly text: string) {}

  protected skipSpace(): void {
    const { text } = this;
    let c = text.charCodeAt(this.pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) {
      c = text.charCodeAt(++this.pos);
    }
  }

  protected open(char: '{' | '['): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== char.charCodeAt(0)) {
      throw NOT_FAST;
    }
    this.pos++;
  }

  /** True (and consumed) when an object or array just opened closes at once. */
  protected closes(close: '}' | ']'): boolean {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === close.charCodeAt(0)) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** After an item: true for a comma (another item follows), false for the closing bracket. */
  protected more(close: '}' | ']'): boolean {
    this.skipSpace();
    const c = this.text.charCodeAt(this.pos++);
    if (c === 44) {
      return true;
    }
    if (c !== close.charCodeAt(0)) {
      throw NOT_FAST;
    }
    return false;
  }

  protected colon(): void {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) !== 58) {
      throw NOT_FAST;
    }
    this.pos++;
  }

  /** Reads an object key among `names` and returns its bit (1, 2, 4 …). */
  protected key(names: readonly string[]): number {
    return 1 << this.enumValue(names);
  }

  /** Reads a string that must be one of `names` (no escapes) and returns its position. */
  protected enumValue(names: readonly string[]): number {
    this.stringToken();
    const { tokenStart, tokenEnd, text } = this;
    for (let k = 0; k < names.length; k++) {
      const name = names[k];
      if (name.length === tokenEnd - tokenStart && text.startsWith(name, tokenStart)) {
        return k;
      }
    }
    throw NOT_FAST;
  }

  /** A member id: a string of 1 to 256 UTF-16 code units. */
  protected id(): string {
    return this.checkedId(this.string());
  }

  protected checkedId(id: string): string {
    if (id.length === 0 || id.length > 256) {
      throw NOT_FAST;
    }
    return id;
  }

  protected string(): string {
    this.stringToken();
    return this.tokenText();
  }

  /** The current string token's value. */
  protected tokenText(): string {
    const { text, tokenStart, tokenEnd } = this;
    return this.escaped
      ? (JSON.parse(text.slice(tokenStart - 1, tokenEnd + 1)) as string)
      : text.slice(tokenStart, tokenEnd);
  }

  /** Scans a string token, leaving its bounds in `tokenStart` and `tokenEnd`. */
  protected stringToken(): void {
    this.skipSpace();
    const { text } = this;
    if (text.charCodeAt(this.pos) !== 34) {
      throw NOT_FAST;
    }
    const from = ++this.pos;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === 34) {
        break;
      }
      if (c === 92) {
        escaped = true;
        this.pos++;
      } else if (c < 32 || Number.isNaN(c)) {
        throw NOT_FAST;
      }
      this.pos++;
    }
    this.tokenStart = from;
    this.tokenEnd = this.pos++;
    this.escaped = escaped;
  }

  protected number(): number {
    this.skipSpace();
    const from = this.pos;
    const { text } = this;
    const digits = (): number => {
      let count = 0;
      for (let c = text.charCodeAt(this.pos); c >= 48 && c <= 57; c = text.charCodeAt(++this.pos)) {
        count++;
      }
      return count;
    };
    if (text[this.pos] === '-') {
      this.pos++;
    }
    const leadingZero = text[this.pos] === '0';
    const whole = digits();
    if (whole === 0 || (leadingZero && whole > 1)) {
      throw NOT_FAST;
    }
    if (text[this.pos] === '.') {
      this.pos++;
      if (digits() === 0) {
        throw NOT_FAST;
      }
    }
    if (text[this.pos] === 'e' || text[this.pos] === 'E') {
      this.pos++;
      if (text[this.pos] === '+' || text[this.pos] === '-') {
        this.pos++;
      }
      if (digits() === 0) {
        throw NOT_FAST;
      }
    }
    return Number(text.slice(from, this.pos));
  }

  protected boolean(): boolean {
    this.skipSpace();
    if (this.text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    throw NOT_FAST;
  }

  /** Skips any JSON value (checked afterwards by `JSON.parse` of its text). */
  protected skipValue(): void {
    this.skipSpace();
    const { text } = this;
    const first = text[this.pos];
    if (first === '"') {
      this.stringToken();
      return;
    }
    if (first !== '{' && first !== '[') {
      while (this.pos < text.length && !',}] \n\r\t'.includes(text[this.pos])) {
        this.pos++;
      }
      return;
    }
    let depth = 0;
    do {
      const c = text[this.pos];
      if (c === undefined) {
        throw NOT_FAST;
      }
      if (c === '"') {
        this.stringToken();
        continue;
      }
      if (c === '{' || c === '[') {
        depth++;
      } else if (c === '}' || c === ']') {
        depth--;
      }
      this.pos++;
    } while (depth > 0);
  }
}
