import { sha256Hex } from './sha256';

describe(sha256Hex.name, () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['["tie","s1","yes"]', '6926feb6509a8380a0a95200e13a8f49671de91b473b2ea47d0dc2499c88cafe'],
    [`${'a'.repeat(1000)}é`, '86e4ed601abb881a03f08899c4faa0e94ace671a8eb89ad1c484bc64df5ada8f'],
  ])('hashes %j like sha256sum', (text, expected) => {
    expect(sha256Hex(text)).toBe(expected);
  });
});
