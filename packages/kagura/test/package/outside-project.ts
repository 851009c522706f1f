import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { PackedPackage } from './pack-workspace.js';

const run = promisify(execFile);

/** What a command printed, and how it ended. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh npm project outside the workspace, with the packed tarballs installed. */
export interface OutsideProject {
  /** The project's folder. */
  directory: string;
  /** Runs a command in the project; never throws on a non-zero exit. */
  run(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<CommandResult>;
  /** Writes a file into the project. */
  write(file: string, text: string): void;
}

// What a user adds beside kagura-ts: their schema library, the compiler, a runner and a bundler.
const userDependencies = [
  'zod@4',
  // zod 3 beside it under another name, and valibot: schema libraries Kagura converts itself.
  'zod3@npm:zod@3',
  'valibot@1',
  'typescript@7',
  'tsx@4',
  'esbuild',
  '@types/node@24',
  // The application's own OpenTelemetry SDK, the current major.
  '@opentelemetry/sdk-trace@3',
  '@opentelemetry/context-async-hooks@3',
];

/**
 * Creates a project the way a user would: `npm init`, `"type": "module"`, `npm install` of the
 * tarballs (by file, so nothing comes from the registry under our names) and of their usual
 * tools, and `tsc --init`'s tsconfig.json with `experimentalDecorators` and Node's types turned
 * on, as its own comments suggest for Node.
 */
export async function createOutsideProject(packages: PackedPackage[]): Promise<OutsideProject> {
  const directory = mkdtempSync(join(tmpdir(), 'kagura-user-'));
  const project: OutsideProject = {
    directory,
    async run(command, args, env = {}) {
      return run(command, args, {
        cwd: directory,
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code?: number | string; stdout?: string; stderr?: string }) => ({
          code: typeof error.code === 'number' ? error.code : 1,
          stdout: error.stdout ?? '',
          stderr: `${error.stderr ?? ''}${typeof error.code === 'string' ? error.code : ''}`,
        }),
      );
    },
    write(file, text) {
      writeFileSync(join(directory, file), text);
    },
  };
  // The user installs kagura-ts alone; overrides make npm take its @kagura-ts/* dependencies
  // from the local tarballs (copied in, so the lockfile stays inside the project), since
  // nothing under these names is on the registry yet.
  const local = (name: string) => {
    const { tarball } = packages.find((entry) => entry.name === name)!;
    copyFileSync(tarball, join(directory, basename(tarball)));
    return `file:./${basename(tarball)}`;
  };
  const overrides = Object.fromEntries(
    packages.filter(({ name }) => name !== 'kagura-ts').map(({ name }) => [name, local(name)]),
  );
  project.write(
    'package.json',
    `${JSON.stringify({ name: 'outside-user', private: true, type: 'module', overrides }, null, 2)}\n`,
  );
  await expectSuccess(
    project,
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      local('kagura-ts'),
      ...userDependencies,
    ],
    'npm install of the tarballs',
  );
  await expectSuccess(project, join('node_modules', '.bin', 'tsc'), ['--init'], 'tsc --init');
  const tsconfig = readFileSync(join(directory, 'tsconfig.json'), 'utf8');
  const edited = tsconfig.replace(
    /"types": \[\],/,
    '"types": ["node"],\n    "experimentalDecorators": true,',
  );
  if (edited === tsconfig) throw new Error(`tsc --init wrote an unexpected tsconfig:\n${tsconfig}`);
  project.write('tsconfig.json', edited);
  return project;
}

/** Runs a command in the project and throws with its output unless it succeeds. */
export async function expectSuccess(
  project: OutsideProject,
  command: string,
  args: string[],
  what: string,
  env?: NodeJS.ProcessEnv,
): Promise<CommandResult> {
  const result = await project.run(command, args, env);
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code}):\n${readable(result.stdout)}\n${readable(result.stderr)}`,
    );
  }
  return result;
}

// A minified bundle prints its one huge source line with an error: keep messages readable.
function readable(output: string): string {
  return output
    .split('\n')
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}...` : line))
    .join('\n')
    .slice(-4000);
}
