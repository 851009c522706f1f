import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Vitest only transforms legacy decorators, so the standard form is checked the way users get
// it: the real compiler builds a fixture, and Node runs the output.
const run = promisify(execFile);
const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(packageRoot, 'test', 'fixtures');
const tsc = join(packageRoot, '..', '..', 'node_modules', '.bin', 'tsc');
// tsx maps the workspace sources' `.js` imports to their `.ts` files; it is a dependency of
// the umbrella package, not of this one.
const tsx = pathToFileURL(
  createRequire(join(packageRoot, '..', 'kagura', 'package.json')).resolve('tsx'),
).href;

let outRoot: string;

beforeAll(async () => {
  // Under the package (so that the output resolves its dependencies and the package's own
  // name) and in a `dist` folder, which git and Biome ignore.
  await mkdir(join(fixtures, 'dist'), { recursive: true });
  outRoot = await mkdtemp(join(fixtures, 'dist', 'compiled-'));
});

afterAll(async () => {
  await rm(outRoot, { recursive: true, force: true });
  // Another run may still be using it.
  await rmdir(join(fixtures, 'dist')).catch(() => {});
});

async function compile(mode: 'standard' | 'legacy'): Promise<{ errors: string[]; out: string }> {
  const out = join(outRoot, mode);
  const project = join(fixtures, `tsconfig.${mode}.json`);
  const result = await run(tsc, ['-p', project, '--outDir', out, '--pretty', 'false'], {
    cwd: packageRoot,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  // Only this package's files: errors elsewhere in the workspace are not this test's subject.
  const errors = result.stdout
    .split('\n')
    .filter((line) => /^(src|test)\/.*error TS/.test(line) || /^error TS/.test(line));
  return { errors, out };
}

async function runFixture(out: string): Promise<unknown> {
  const entry = join(out, 'test', 'fixtures', 'decorated-agents.js');
  const { stdout } = await run(
    process.execPath,
    ['--conditions=@kagura-ts/source', '--import', tsx, entry],
    { cwd: packageRoot },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

const expected = {
  agents: ['translate', 'recipe', 'ask'],
  tools: ['weigh'],
  translation: 'Bonjour',
  system: true,
  recipeValid: true,
  answer: 'Two hundred grams.',
  toolResult: true,
  requests: 4,
};

describe('@agent and @tool compiled by tsc', () => {
  it('should typecheck and run with standard decorators (no experimentalDecorators)', {
    timeout: 120_000,
  }, async () => {
    const { errors, out } = await compile('standard');
    expect(errors).toEqual([]);
    await expect(runFixture(out)).resolves.toEqual(expected);
  });

  it('should typecheck and run with legacy decorators and no emitDecoratorMetadata', {
    timeout: 120_000,
  }, async () => {
    const { errors, out } = await compile('legacy');
    expect(errors).toEqual([]);
    await expect(runFixture(out)).resolves.toEqual(expected);
  });
});
