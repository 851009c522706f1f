import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listLoadedPackages } from './list-loaded-packages.js';

const packagesDirectory = join(import.meta.dirname, '..', '..', '..');
const benchDirectory = join(packagesDirectory, 'bench');
// As `pnpm bench` runs: workspace packages from their TypeScript sources, through tsx.
const fromSources = {
  nodeArguments: ['--conditions=@kagura-ts/source', '--import', 'tsx'],
  cwd: benchDirectory,
};
const sdks = ['openai', '@anthropic-ai/sdk'];

function fileURL(...path: string[]): string {
  return pathToFileURL(join(packagesDirectory, ...path)).href;
}

describe('listLoadedPackages', () => {
  it('should name the packages that an import loads, by their installed names', async () => {
    const packages = await listLoadedPackages(['openai', '@anthropic-ai/sdk'], {
      cwd: benchDirectory,
    });
    expect(packages).toEqual(expect.arrayContaining(sdks));
  });

  it('should see what TypeScript sources import through tsx', async () => {
    const packages = await listLoadedPackages(
      [fileURL('bench', 'src', 'systems', 'raw-openai.ts')],
      fromSources,
    );
    expect(packages).toContain('openai');
  });
});

// The SDKs take about as long to load as the rest of Kagura: they load on a provider's first
// request, so a program that imports Kagura and never calls a provider never pays for them.
describe('importing kagura-ts', () => {
  it('should load neither SDK from the sources', async () => {
    const packages = await listLoadedPackages([fileURL('kagura', 'src', 'index.ts')], fromSources);
    expect(packages.filter((name) => sdks.includes(name))).toEqual([]);
  });

  it('should load neither SDK from the build, as installed', async () => {
    const umbrella = join(packagesDirectory, 'kagura', 'dist', 'index.js');
    if (!existsSync(umbrella)) {
      throw new Error(`No build at ${umbrella}: run \`pnpm build\` first.`);
    }
    const packages = await listLoadedPackages([pathToFileURL(umbrella).href]);
    expect(packages.filter((name) => sdks.includes(name))).toEqual([]);
  });
});

// `kagura demo --trace` loads an OpenTelemetry SDK to record its spans: only then.
describe('kagura demo', () => {
  const sdk = ['@opentelemetry/sdk-trace-base', '@opentelemetry/context-async-hooks'];
  const demo = pathToFileURL(join(import.meta.dirname, 'fixtures', 'run-demo-quietly.ts')).href;

  it('should load no OpenTelemetry SDK without --trace, nor does importing kagura-ts', async () => {
    const packages = await listLoadedPackages(
      [fileURL('kagura', 'src', 'index.ts'), demo],
      fromSources,
    );
    expect(packages).toContain('@opentelemetry/api');
    expect(packages.filter((name) => sdk.includes(name))).toEqual([]);
  });

  it('should load the SDK with --trace', async () => {
    const packages = await listLoadedPackages([`${demo}?trace`], fromSources);
    expect(packages).toEqual(expect.arrayContaining(sdk));
  });
});
