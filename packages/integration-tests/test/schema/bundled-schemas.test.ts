import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { toJSONSchema } from '@kagura-ts/core';
import { build, type Format } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tripSchemas } from '../../../core/src/schema/test-helpers.js';

const run = promisify(execFile);
const workspaceRoot = join(import.meta.dirname, '..', '..', '..', '..');
const coreDist = join(workspaceRoot, 'packages', 'core', 'dist');
const trip = { city: 'Paris', stops: [{ name: 'Lyon', nights: 2 }], mode: 'train', budget: 900 };

// The app imports @kagura-ts/core, which resolves to its build, as for a user: the test command
// builds before testing.
beforeAll(() => {
  if (!existsSync(join(coreDist, 'index.js'))) {
    throw new Error('No build of @kagura-ts/core: run `pnpm build` first (the test command does).');
  }
});

describe('the build of @kagura-ts/core', () => {
  // `registerHooks` came in Node 22.15: on an older Node there is no simple way to list loads.
  it.skipIf(!('registerHooks' in nodeModule))(
    'should load no converter when imported, nor for a zod 4 schema',
    async () => {
      const zod = pathToFileURL(nodeModule.createRequire(import.meta.url).resolve('zod'));
      const dist = `${pathToFileURL(coreDist).href}/`;
      const script = `
        import { registerHooks } from 'node:module';
        const loaded = [];
        registerHooks({ load: (url, context, next) => (loaded.push(url), next(url, context)) });
        const { toJSONSchema } = await import(${JSON.stringify(`${dist}index.js`)});
        const { z } = await import(${JSON.stringify(zod.href)});
        toJSONSchema(z.object({ city: z.string() }));
        console.log(JSON.stringify(loaded.filter((url) => url.startsWith(${JSON.stringify(dist)}))));
      `;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
      expect(JSON.parse(stdout)).toEqual([`${dist}index.js`]);
    },
  );
});

describe.each<Format>(['esm', 'cjs'])('an application bundled whole (esbuild, %s)', (format) => {
  let directory = '';
  let outfile = '';
  let inputs: string[] = [];

  beforeAll(async () => {
    // Outside the workspace, so nothing the bundle could `require` is within reach.
    directory = mkdtempSync(join(tmpdir(), 'kagura-bundled-schemas-'));
    outfile = join(directory, format === 'esm' ? 'app.mjs' : 'app.cjs');
    const result = await build({
      entryPoints: [join(import.meta.dirname, 'fixtures', 'bundled-schemas.ts')],
      bundle: true,
      minify: true,
      platform: 'node',
      format,
      target: 'node22',
      outfile,
      // The schema libraries are core's dev dependencies (as for its test helpers).
      nodePaths: [join(workspaceRoot, 'packages', 'core', 'node_modules')],
      absWorkingDir: workspaceRoot,
      metafile: true,
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs).map((input) => input.split(sep).join('/'));
  }, 60_000);

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  // As a deployment runs it: outside the workspace, without the NODE_PATH pnpm sets for tests.
  async function runNode(args: string[]): Promise<string> {
    const env = { ...process.env };
    delete env.NODE_PATH;
    const { stdout } = await run(process.execPath, args, { cwd: directory, env });
    return stdout;
  }

  async function runScenario(name: string): Promise<Record<string, unknown>> {
    return JSON.parse(await runNode([outfile, name])) as Record<string, unknown>;
  }

  it('should bundle the built core, with nothing beside it to fall back on', async () => {
    expect(inputs).toContain('packages/core/dist/index.js');
    expect(inputs).toContain('packages/core/dist/json-schema-converters.js');
    expect(inputs.filter((input) => input.startsWith('packages/core/src/'))).toEqual([
      'packages/core/src/schema/test-helpers.ts',
    ]);
    const packages = ['zod-to-json-schema', '@valibot/to-json-schema', 'zod', 'valibot'];
    const resolvable = `console.log(JSON.stringify(${JSON.stringify(packages)}.filter((name) => {
      try { return require.resolve(name) !== ''; } catch { return false; }
    })))`;
    expect(JSON.parse(await runNode(['-e', resolvable]))).toEqual([]);
  });

  it('should send a zod 3 schema in a call, and validate the answer', async () => {
    expect(await runScenario('call')).toEqual({
      object: trip,
      sent: { type: 'json', schema: toJSONSchema(tripSchemas['zod 3']), name: 'response' },
    });
  });

  it('should send a valibot schema in a stream, and validate the answer', async () => {
    expect(await runScenario('stream')).toEqual({
      text: JSON.stringify(trip),
      object: trip,
      sent: { type: 'json', schema: toJSONSchema(tripSchemas.valibot), name: 'response' },
    });
  });

  it('should describe and run a tool with zod 3 parameters, defined as the module loads', async () => {
    expect(await runScenario('tools')).toEqual({
      text: 'Booked.',
      toolResults: [
        { type: 'tool-result', toolCallId: 'call-1', toolName: 'book', output: 'booked Paris' },
      ],
      sent: [{ name: 'book', inputSchema: toJSONSchema(tripSchemas['zod 3']) }],
      requests: 2,
    });
  });

  it('should describe a tool with valibot parameters in a streamed tool loop', async () => {
    expect(await runScenario('stream-tools')).toEqual({
      text: 'Booked.',
      events: ['tool-call', 'tool-result', 'text-delta', 'finish'],
      sent: [{ name: 'book', inputSchema: toJSONSchema(tripSchemas.valibot) }],
    });
  });

  it('should reject tool parameters that cannot be converted before any request', async () => {
    const { error, requests } = await runScenario('invalid-tool');
    expect(error).toMatchObject({ invalidArgument: true });
    expect((error as Error).message).toMatch(/valibot schema cannot be converted .*`jsonSchema`/);
    expect(requests).toBe(0);
  });

  it('should convert outside a call once loadJsonSchemaConverters() ran, and say so before', async () => {
    const { before, ...after } = await runScenario('direct');
    expect(before).toMatchObject({ name: 'MissingConverterError' });
    expect((before as Error).message).toContain('await loadJsonSchemaConverters()');
    expect(after).toEqual({
      zod3: toJSONSchema(tripSchemas['zod 3']),
      valibot: toJSONSchema(tripSchemas.valibot),
      tool: toJSONSchema(tripSchemas['zod 3']),
    });
  });
});
