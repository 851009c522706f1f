// The test command's import-cycle check (scripts/check-import-cycles.mjs), on this workspace and
// on small workspaces made to have a cycle.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceRoot } from './pack-workspace.js';

const run = promisify(execFile);
const script = join(workspaceRoot, 'scripts', 'check-import-cycles.mjs');
const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function check(root?: string): Promise<{ code: number; output: string }> {
  return run(process.execPath, root === undefined ? [script] : [script, root]).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );
}

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'kagura-cycles-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the import-cycle check', () => {
  it('should pass on this workspace', async () => {
    expect(await check()).toMatchObject({ code: 0 });
  });

  it('should fail on folders of a package that import each other, naming a file of each edge', async () => {
    const root = workspace({
      'packages/core/package.json': '{ "name": "@kagura-ts/core" }',
      'packages/core/src/cache/flight.ts': "import type { Info } from '../client/info.js';\n",
      'packages/core/src/client/info.ts': "export { Flight } from '../cache/flight.js';\n",
    });
    const { code, output } = await check(root);
    expect(code).toBe(1);
    expect(output).toContain(
      '@kagura-ts/core: folders import each other in a cycle: cache, client',
    );
    expect(output).toContain('cache -> client  (packages/core/src/cache/flight.ts)');
  });

  it('should fail on packages that import each other, and ignore imports quoted in strings', async () => {
    const root = workspace({
      'packages/a/package.json': '{ "name": "@kagura-ts/a" }',
      'packages/a/src/index.ts': "import { b } from '@kagura-ts/b';\nexport const a = b;\n",
      'packages/b/package.json': '{ "name": "@kagura-ts/b" }',
      'packages/b/src/index.ts':
        "export const b = 'or import from \\'@kagura-ts/a\\'';\nexport function c() {\n  return import('@kagura-ts/a');\n}\n",
    });
    const { code, output } = await check(root);
    expect(code).toBe(1);
    expect(output).toContain('packages import each other in a cycle: @kagura-ts/a, @kagura-ts/b');
    const quoted = workspace({
      'packages/a/package.json': '{ "name": "@kagura-ts/a" }',
      'packages/a/src/index.ts': "import { b } from '@kagura-ts/b';\nexport const a = b;\n",
      'packages/b/package.json': '{ "name": "@kagura-ts/b" }',
      'packages/b/src/index.ts':
        'export function b() {\n  throw new Error("or import from \'@kagura-ts/a\', which sets it up");\n}\n',
    });
    expect(await check(quoted)).toMatchObject({ code: 0 });
  });
});
