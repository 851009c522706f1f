import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The installed version of each package, read from its `package.json` under this package's
 * `node_modules` (pnpm links every direct dependency there), or `undefined` if not installed.
 */
export function packageVersions(names: readonly string[]): Record<string, string | undefined> {
  const versions: Record<string, string | undefined> = {};
  for (const name of names) {
    try {
      const manifest = join(benchDirectory, 'node_modules', name, 'package.json');
      versions[name] = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    } catch {
      versions[name] = undefined;
    }
  }
  return versions;
}

/** The repository's commit, with `-dirty` when the work tree has changes, if git can tell. */
export function gitRevision(): string | undefined {
  try {
    const options = {
      cwd: benchDirectory,
      encoding: 'utf8' as const,
      stdio: ['ignore', 'pipe', 'ignore'] as ('ignore' | 'pipe')[],
    };
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], options).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], options).trim() !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return undefined;
  }
}
