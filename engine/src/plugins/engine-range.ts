import semver from 'semver';

/**
 * Version ranges of plugins (`engineRange`, `dependsOn`) are npm's, read by npm's own `semver` package.
 * Pre-release versions satisfy a range of their release line (`1.2.3-beta.1` is in `^1.2.0`), since a plugin
 * tested against an engine's release line should load on its pre-releases too.
 */
const OPTIONS: semver.RangeOptions = { includePrerelease: true };

/** Whether `text` is a version `major.minor.patch` (with optional pre-release and build suffixes). */
export function parseVersion(text: string): string | undefined {
  return semver.valid(text.trim()) ?? undefined;
}

/**
 * The range as a test of versions, or undefined when it is not a valid npm range. An empty range, which npm
 * reads as `*`, is refused: a plugin that meant "any engine" says `*`.
 */
export function parseRange(range: string): ((version: string) => boolean) | undefined {
  if (range.trim() === '' || semver.validRange(range, OPTIONS) === null) {
    return undefined;
  }
  return (version) => semver.satisfies(version, range, OPTIONS);
}

/** Whether `version` is in `range`; false when either cannot be read. */
export function satisfies(version: string, range: string): boolean {
  return parseRange(range)?.(version) ?? false;
}
