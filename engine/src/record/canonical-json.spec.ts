import { canonicalJson } from './canonical-json';

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
});
