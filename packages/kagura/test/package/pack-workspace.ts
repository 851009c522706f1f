import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The workspace root: packages/kagura/test/package -> the repository. */
export const workspaceRoot = join(import.meta.dirname, '..', '..', '..', '..');

/** A package as it would be published: its manifest in the workspace and its packed tarball. */
export interface PackedPackage {
  /** The package's name, e.g. `'@kagura-ts/core'`. */
  name: string;
  /** Its folder in the workspace. */
  directory: string;
  /** The path of its `.tgz`, as `pnpm pack` writes it (publishConfig applied, workspace:* resolved). */
  tarball: string;
}

/** The workspace's publishable packages (every `packages/*` that is not private). */
export function publishablePackages(): Array<{ name: string; directory: string }> {
  const packagesDirectory = join(workspaceRoot, 'packages');
  return readdirSync(packagesDirectory)
    .map((folder) => join(packagesDirectory, folder))
    .map((directory) => ({
      directory,
      manifest: JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      },
    }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ directory, manifest }) => ({ name: manifest.name, directory }));
}

/**
 * Runs pnpm the way the test command was started: the same pnpm when a pnpm script runs the
 * tests, else `npx -y pnpm@12`.
 */
export async function runPnpm(args: string[], cwd: string): Promise<string> {
  const execPath = process.env.npm_execpath;
  const [command, ...prefix] =
    execPath !== undefined && /pnpm/.test(execPath)
      ? /\.[cm]?js$/.test(execPath)
        ? [process.execPath, execPath]
        : [execPath]
      : ['npx', '-y', 'pnpm@12'];
  const { stdout } = await run(command!, [...prefix, ...args], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Packs every publishable package from its build (`pnpm build` must have run: the test
 * command builds before testing) into a fresh temporary folder.
 */
export async function packWorkspace(): Promise<PackedPackage[]> {
  const packages = publishablePackages();
  const missing = packages.filter(({ directory }) =>
    readdirSync(directory).every((entry) => entry !== 'dist'),
  );
  if (missing.length > 0) {
    throw new Error(
      `No build for ${missing.map(({ name }) => name).join(', ')}: run \`pnpm build\` first ` +
        '(the README test command does).',
    );
  }
  const destination = mkdtempSync(join(tmpdir(), 'kagura-pack-'));
  const filters = packages.flatMap(({ name }) => ['--filter', name]);
  await runPnpm(['-r', ...filters, 'pack', '--pack-destination', destination], workspaceRoot);
  const tarballs = readdirSync(destination);
  return packages.map(({ name, directory }) => {
    const prefix = `${name.replace('@', '').replace('/', '-')}-`;
    const tarball = tarballs.find(
      (file) => file.startsWith(prefix) && /^\d/.test(file.slice(prefix.length)),
    );
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${name}.`);
    return { name, directory, tarball: join(destination, tarball) };
  });
}
