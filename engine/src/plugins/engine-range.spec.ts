import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRange, satisfies } from './engine-range';
import { ENGINE_VERSION } from './plugin-validation';

describe('satisfies', () => {
  it.each([
    ['0.1.0', '^0.1.0', true],
    ['0.1.9', '^0.1.0', true],
    ['0.2.0', '^0.1.0', false],
    ['1.4.2', '^1.2.0', true],
    ['2.0.0', '^1.2.0', false],
    ['1.1.9', '^1.2.0', false],
    ['0.0.3', '^0.0.3', true],
    ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true],
    ['1.3.0', '~1.2.3', false],
    ['0.5.0', '>=0.1.0 <1.0.0', true],
    ['1.0.0', '>=0.1.0 <1.0.0', false],
    ['0.5.0', '>= 0.1.0 < 1.0.0', true],
    ['3.0.0', '^1.0.0 || ^3.0.0', true],
    ['2.0.0', '^1.0.0 || ^3.0.0', false],
    ['9.9.9', '*', true],
    ['1.2.3', '1.2.3', true],
    ['1.2.4', '1.2.3', false],
    ['1.2.3-beta.1', '^1.2.0', true],
    ['1.9.0', '^1.x', true],
    ['2.0.0', '1.x', false],
    ['1.5.0', '1.2.0 - 1.6.0', true],
  ])('%s in %s → %s', (version, range, expected) => {
    expect(satisfies(version, range)).toBe(expected);
  });

  it('refuses what it cannot read rather than guessing', () => {
    expect(parseRange('latest')).toBeUndefined();
    expect(parseRange('^1.2.3.4')).toBeUndefined();
    expect(parseRange('')).toBeUndefined();
    expect(satisfies('not-a-version', '*')).toBe(false);
  });

  it('knows the engine version of engine/package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(ENGINE_VERSION).toBe(pkg.version);
  });
});
