/** A version `major.minor.patch` (pre-release and build suffixes are ignored). */
export type Version = readonly [number, number, number];

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/;

/** Parses `x.y.z`; undefined when it is not one. */
export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

type Comparator = (version: Version) => boolean;

function comparator(part: string): Comparator | undefined {
  if (part === '*' || part === 'x') {
    return () => true;
  }
  const match = /^(\^|~|>=|<=|>|<|=)?(.+)$/.exec(part);
  const base = match ? parseVersion(match[2]) : undefined;
  if (!match || !base) {
    return undefined;
  }
  const [major, minor, patch] = base;
  switch (match[1]) {
    case '^': {
      const upper: Version =
        major > 0 ? [major + 1, 0, 0] : minor > 0 ? [0, minor + 1, 0] : [0, 0, patch + 1];
      return (v) => compare(v, base) >= 0 && compare(v, upper) < 0;
    }
    case '~':
      return (v) => compare(v, base) >= 0 && compare(v, [major, minor + 1, 0]) < 0;
    case '>=':
      return (v) => compare(v, base) >= 0;
    case '<=':
      return (v) => compare(v, base) <= 0;
    case '>':
      return (v) => compare(v, base) > 0;
    case '<':
      return (v) => compare(v, base) < 0;
    default:
      return (v) => compare(v, base) === 0;
  }
}

/**
 * A dependency-free subset of npm's semver ranges: `*`, `x.y.z`, `^x.y.z`, `~x.y.z`, comparators
 * (`>=`, `>`, `<=`, `<`, `=`) joined by spaces (all must hold) and alternatives joined by `||`.
 * Returns undefined when the range is not in this subset.
 */
export function parseRange(range: string): ((version: string) => boolean) | undefined {
  const alternatives = range.split('||').map((alternative) => {
    const parts = alternative
      .trim()
      .replace(/(>=|<=|>|<|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean);
    const comparators = parts.map(comparator);
    return parts.length > 0 && comparators.every(Boolean) ? (comparators as Comparator[]) : undefined;
  });
  if (alternatives.some((alternative) => !alternative)) {
    return undefined;
  }
  return (text) => {
    const version = parseVersion(text);
    return (
      version !== undefined &&
      alternatives.some((alternative) => alternative!.every((holds) => holds(version)))
    );
  };
}

/** Whether `version` is in `range`; false when either cannot be read. */
export function satisfies(version: string, range: string): boolean {
  return parseRange(range)?.(version) ?? false;
}
