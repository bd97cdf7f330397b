import fc from 'fast-check';
import { canonicalJson } from './canonical-json';

/** The definition, written plainly: what the fast writer must give, byte for byte. */
function reference(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(reference).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    return `{${Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${reference(object[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

describe(canonicalJson.name, () => {
  it('sorts keys recursively and writes no whitespace', () => {
    const sut = canonicalJson({ b: 1, a: { z: [3, { y: true, x: null }], c: 'é' } });
    expect(sut).toBe('{"a":{"c":"é","z":[3,{"x":null,"y":true}]},"b":1}');
  });

  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ one: 1, two: [1, 2], three: { b: 2, a: 1 } })).toBe(
      canonicalJson({ three: { a: 1, b: 2 }, two: [1, 2], one: 1 }),
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5, '\u{1F600}': 6, '\uFB33': 7 })).toBe(
      '{"10":4,"9":5,"Z":3,"z":2,"é":1,"\u{1F600}":6,"\uFB33":7}',
    );
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson(['a"b\\c\n\u0001', 1e21, 0.1, -0, 1.5, 100])).toBe(
      '["a\\"b\\\\c\\n\\u0001",1e+21,0.1,0,1.5,100]',
    );
  });

  it('leaves out object keys whose value is undefined, as the database would', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses what is not a JSON value', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a is NaN/);
    expect(() => canonicalJson([1, undefined])).toThrow(/\$\[1\] is a undefined/);
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson(10n)).toThrow(/bigint/);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
  });

  it('gives the text of the definition for any JSON value, objects of one shape in runs included', () => {
    const shaped = fc.array(
      fc.record({
        id: fc.string(),
        weight: fc.double({ noNaN: true, noDefaultInfinity: true }),
        b: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), shaped, fc.array(fc.dictionary(fc.string(), fc.jsonValue()))),
        (value) => {
          expect(canonicalJson(value)).toBe(reference(value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes a sparse array as the careful walk does (holes left out)', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(canonicalJson([1, , 3])).toBe('[1,3]');
  });
});
