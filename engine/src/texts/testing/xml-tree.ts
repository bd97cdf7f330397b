/**
 * A strict, tiny XML 1.0 reader for tests: it accepts a prolog, elements, attributes, character data,
 * comments and the five predefined entities plus numeric references, and throws on anything
 * malformed (mismatched or unclosed tags, duplicate attributes, a bare `&` or `<`, text outside the
 * root, several roots). It returns the element tree so that tests can check the structure.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Character data directly inside this element, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
const DECODE: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '<') {
      throw new Error(`bare < at ${at + i}`);
    }
    if (ch !== '&') {
      out += ch;
      continue;
    }
    const match = ENTITY.exec(raw.slice(i));
    if (!match) {
      throw new Error(`bad entity reference at ${at + i}`);
    }
    const name = match[1];
    out += name.startsWith('#x')
      ? String.fromCodePoint(parseInt(name.slice(2), 16))
      : name.startsWith('#')
        ? String.fromCodePoint(parseInt(name.slice(1), 10))
        : DECODE[name];
    i += match[0].length - 1;
  }
  return out;
}

/** Parses a whole document; returns its root element or throws describing the first problem. */
export function parseXml(xml: string): XmlElement {
  let pos = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const skipSpace = () => {
    while (pos < xml.length && /\s/.test(xml[pos])) {
      pos++;
    }
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (
      end < 0 ||
      !/^<\?xml version="1\.[0-9]"( encoding="[A-Za-z0-9._-]+")?\s*\?>$/.test(xml.slice(0, end + 2))
    ) {
      throw new Error('malformed XML declaration');
    }
    pos = end + 2;
  }
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const text = xml.slice(pos, lt < 0 ? xml.length : lt);
    if (stack.length === 0) {
      if (text.trim()) {
        throw new Error(`text outside the root element at ${pos}`);
      }
    } else {
      stack[stack.length - 1].text += decode(text, pos);
    }
    if (lt < 0) {
      break;
    }
    pos = lt;
    if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos + 4);
      if (end < 0 || xml.slice(pos + 4, end).includes('--')) {
        throw new Error(`malformed comment at ${pos}`);
      }
      pos = end + 3;
      continue;
    }
    if (xml.startsWith('</', pos)) {
      pos += 2;
      const name = NAME.exec(xml.slice(pos))?.[0];
      const open = stack.pop();
      if (!name || !open || open.name !== name) {
        throw new Error(
          `closing tag </${name ?? '?'}> does not match <${open?.name ?? 'nothing'}> at ${pos}`,
        );
      }
      pos += name.length;
      skipSpace();
      if (xml[pos] !== '>') {
        throw new Error(`expected > at ${pos}`);
      }
      pos++;
      continue;
    }
    pos++;
    const name = NAME.exec(xml.slice(pos))?.[0];
    if (!name) {
      throw new Error(`bad tag name at ${pos}`);
    }
    pos += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = pos;
      skipSpace();
      if (xml.startsWith('/>', pos) || xml[pos] === '>') {
        break;
      }
      if (pos === before) {
        throw new Error(`expected a space before an attribute at ${pos}`);
      }
      const attr = NAME.exec(xml.slice(pos))?.[0];
      if (!attr || xml[pos + attr.length] !== '=') {
        throw new Error(`bad attribute at ${pos}`);
      }
      pos += attr.length + 1;
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") {
        throw new Error(`unquoted attribute ${attr} at ${pos}`);
      }
      const end = xml.indexOf(quote, pos + 1);
      if (end < 0) {
        throw new Error(`unterminated attribute ${attr}`);
      }
      if (attr in attributes) {
        throw new Error(`duplicate attribute ${attr} on <${name}>`);
      }
      attributes[attr] = decode(xml.slice(pos + 1, end), pos + 1);
      pos = end + 1;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length > 0) {
      stack[stack.length - 1].children.push(element);
    } else if (root) {
      throw new Error(`second root element <${name}>`);
    } else {
      root = element;
    }
    if (xml.startsWith('/>', pos)) {
      pos += 2;
    } else {
      pos += 1;
      stack.push(element);
    }
  }
  if (stack.length > 0) {
    throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  }
  if (!root) {
    throw new Error('no root element');
  }
  return root;
}

/** The children of an element with this name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The one child with this name, or throws. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = childrenNamed(element, name);
  if (found.length !== 1) {
    throw new Error(`<${element.name}> has ${found.length} <${name}>`);
  }
  return found[0];
}
