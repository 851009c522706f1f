import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PackedPackage, packWorkspace, workspaceRoot } from './pack-workspace.js';

const run = promisify(execFile);

// What a user receives from the registry, checked as they receive it: the packed tarballs.
let packed: PackedPackage[] = [];
const unpacked = new Map<string, string>();

beforeAll(async () => {
  packed = await packWorkspace();
  const root = mkdtempSync(join(tmpdir(), 'kagura-unpacked-'));
  for (const { name, tarball } of packed) {
    const directory = join(root, name.replace('/', '+'));
    mkdirSync(directory);
    await run('tar', ['-xzf', tarball, '-C', directory]);
    unpacked.set(name, join(directory, 'package'));
  }
}, 120_000);

interface Manifest {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

function manifestOf(name: string): Manifest {
  return JSON.parse(readFileSync(join(unpacked.get(name)!, 'package.json'), 'utf8')) as Manifest;
}

describe('published packages', () => {
  it('should pack every publishable package', () => {
    expect(packed.map(({ name }) => name).sort()).toEqual([
      '@kagura-ts/agent',
      '@kagura-ts/anthropic',
      '@kagura-ts/core',
      '@kagura-ts/openai',
      '@kagura-ts/provider',
      '@kagura-ts/router',
      '@kagura-ts/testing',
      'kagura-ts',
    ]);
  });

  it('should give the provider spec no dependencies, and the providers only it and their SDK', () => {
    const dependencies = (name: string) => {
      const manifest = JSON.parse(
        readFileSync(join(unpacked.get(name)!, 'package.json'), 'utf8'),
      ) as { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
      return [
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.peerDependencies ?? {}),
      ].sort();
    };
    expect(dependencies('@kagura-ts/provider')).toEqual([]);
    expect(dependencies('@kagura-ts/openai')).toEqual(['@kagura-ts/provider', 'openai']);
    expect(dependencies('@kagura-ts/anthropic')).toEqual([
      '@anthropic-ai/sdk',
      '@kagura-ts/provider',
    ]);
  });

  it('should carry a README and the LICENSE in every tarball', () => {
    for (const { name } of packed) {
      const directory = unpacked.get(name)!;
      expect(existsSync(join(directory, 'README.md')), `${name} README.md`).toBe(true);
      expect(readFileSync(join(directory, 'LICENSE'), 'utf8'), `${name} LICENSE`).toContain(
        'Apache License',
      );
    }
  });

  it('should point exports and bin only at files in the tarball, without source conditions', () => {
    for (const { name } of packed) {
      const manifest = manifestOf(name);
      const targets: Array<[condition: string, path: string]> = Object.values(
        manifest.exports,
      ).flatMap((entry) =>
        typeof entry === 'string'
          ? [['default', entry] as [string, string]]
          : Object.entries(entry),
      );
      for (const [condition, path] of targets) {
        expect(condition, `${name} exports condition`).not.toContain('source');
        expect(existsSync(join(unpacked.get(name)!, path)), `${name} exports ${path}`).toBe(true);
      }
      for (const path of Object.values(manifest.bin ?? {})) {
        expect(existsSync(join(unpacked.get(name)!, path)), `${name} bin ${path}`).toBe(true);
      }
    }
  });

  it('should depend on published versions, and leave schema libraries to the user', () => {
    for (const { name } of packed) {
      const { dependencies = {}, peerDependencies = {} } = manifestOf(name);
      for (const [dependency, range] of Object.entries({ ...dependencies, ...peerDependencies })) {
        expect(range, `${name} -> ${dependency}`).not.toMatch(/^workspace:/);
        expect(['zod', 'valibot', 'arktype'], `${name} depends on ${dependency}`).not.toContain(
          dependency,
        );
      }
    }
  });

  it('should report no problems with the types under attw (ESM-only profile)', async () => {
    const attw = join(workspaceRoot, 'node_modules', '.bin', 'attw');
    for (const { name, tarball } of packed) {
      const result = await run(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii']).then(
        () => 'ok',
        (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`,
      );
      expect(result, `attw ${name}`).toBe('ok');
    }
    // One attw process per package, each loading TypeScript: ~1 s apiece on a quiet machine,
    // several on a loaded one.
  }, 90_000);

  it('should report nothing under publint, suggestions included', async () => {
    for (const { name, tarball } of packed) {
      const { messages, pkg } = await publint({
        pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
        level: 'suggestion',
        strict: true,
      });
      expect(
        messages.map((message) => formatMessage(message, pkg) ?? message.code),
        `publint ${name}`,
      ).toEqual([]);
    }
  });
});
