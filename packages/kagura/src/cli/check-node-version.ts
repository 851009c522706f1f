/**
 * Checks that this Node.js is new enough for Kagura TS. The file imports nothing, so that the
 * CLI can run it before loading anything an older Node.js might fail to load.
 *
 * @param version A Node.js version as in `process.versions.node`, e.g. `'20.20.2'`.
 * @param minimum The oldest version that works, as in `engines.node` without `>=`; `'22.13'` by
 *   default.
 * @returns `undefined` when it is new enough, else a message that names both versions and the fix.
 *
 * @example
 * ```ts
 * checkNodeVersion('20.20.2');
 * // 'Kagura TS needs Node >= 22.13, this is Node 20.20.2. Install Node 22.13 or newer ...'
 * ```
 */
export function checkNodeVersion(version: string, minimum = '22.13'): string | undefined {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  // A version that cannot be read (a nightly build, a typo in engines) stops nobody.
  if (have === undefined || want === undefined) return undefined;
  for (const [index, least] of want.entries()) {
    const part = have[index] ?? 0;
    if (part > least) return undefined;
    if (part < least) {
      return (
        `Kagura TS needs Node >= ${minimum}, this is Node ${version}. Install Node ${minimum} ` +
        'or newer (e.g. `nvm install 22` or https://nodejs.org) and run it again.'
      );
    }
  }
  return undefined;
}

function parseVersion(text: string): number[] | undefined {
  const parts = text.trim().replace(/^v/, '').split('.').map(Number);
  return parts.every((part) => Number.isInteger(part) && part >= 0) ? parts : undefined;
}
