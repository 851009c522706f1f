import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Each example runs the way the docs say, `pnpm --filter @kagura-ts/examples <name>`: the
// package script's own command, in a new process, against the simulator runExample starts.
const directory = import.meta.dirname;
const scripts = (
  JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;
const runnable = readdirSync(directory)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
  .filter((name) => readFileSync(join(directory, name), 'utf8').includes('await runExample('))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();
const tsx = import.meta.resolve('tsx');

// What each example shows, in a line it prints.
const shows: Record<string, RegExp> = {
  assistant: /^Bonjour\nParis\n/m,
  'bundled-agent': /^Bonjour\nGuten Morgen$/m,
  'cache-controls':
    /^same call again: hit\ncache: \{ refresh: true \}: refresh\ncache: false: bypass$/m,
  caching:
    /^cold: 5 calls in \d+ ms, 0 from the cache\nwarm: 5 calls in \d+ ms, 5 from the cache$/m,
  'call-llm': /^Paris France$/m,
  'define-agent': /^Hits are nearly free; misses are slow, so cache what repeats\.$/m,
  limits: /^call \d done after \d+ ms$/m,
  // Between the console exporter's span dumps.
  observability: /^call \d+: hit, \$0\.\d{6}$/m,
  'parallel-gather': /^Great battery, weak night camera \(mixed\): battery, camera$/m,
  'parallel-map': /^Incident 4711: A bad deploy broke checkout for 14 minutes\.$/m,
  'prompt-caching': /^How long does a refund take\? read \d+, wrote 0 /m,
  providers: /^vllm:qwen3-8b -> vllm, model qwen3-8b$/m,
  routing: /^translate: Bonjour \| translate: Buongiorno$/m,
  'stream-timeout': /^Gave up: Timed out waiting for the first token/m,
  streaming: /^first token after \d+ ms, \d+ tokens$/m,
  'structured-output': /^Shakshuka \(25 min, vegetarian: true\)$/m,
  tools: /^Tokyo has 11,857,586 more people than Paris\.$/m,
  translator: /^Bonjour, comment allez-vous \?$/m,
  workflow: /^weather -> budget: Yes: mild weather, and 9,000 yen a day\.$/m,
};

// Ports handed out in this file: tests run side by side, and each needs a port of its own.
const handedOut = new Set<number>();

async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    if (address === null || typeof address === 'string') throw new Error('no port');
    if (handedOut.has(address.port)) continue;
    handedOut.add(address.port);
    return address.port;
  }
}

// Two processes at a time: each is a Node process compiling TypeScript, so more than two would
// only queue for the cores of a small CI machine, and one at a time leaves a core idle.
const processSlots = { free: 2, waiting: [] as Array<() => void> };

async function inProcessSlot<T>(work: () => Promise<T>): Promise<T> {
  if (processSlots.free === 0) {
    await new Promise<void>((resolve) => processSlots.waiting.push(resolve));
  } else {
    processSlots.free -= 1;
  }
  try {
    return await work();
  } finally {
    const next = processSlots.waiting.shift();
    if (next === undefined) processSlots.free += 1;
    else next();
  }
}

// The script's command, `tsx --conditions=@kagura-ts/source <name>.ts`, run with node and tsx's
// loader so that the working directory can be a temporary one (the examples write .kagura/
// there).
async function runByHand(name: string, cwd: string, port: number): Promise<string> {
  const { stdout } = await inProcessSlot(() =>
    promisify(execFile)(
      process.execPath,
      ['--conditions=@kagura-ts/source', '--import', tsx, join(directory, `${name}.ts`)],
      {
        cwd,
        env: {
          ...process.env,
          OPENAI_API_KEY: '',
          ANTHROPIC_API_KEY: '',
          OPENAI_BASE_URL: '',
          ANTHROPIC_BASE_URL: '',
          KAGURA_MODEL: '',
          KAGURA_EXAMPLE_FAST: '1',
          KAGURA_EXAMPLE_PORT: String(port),
          TSX_TSCONFIG_PATH: join(directory, 'tsconfig.json'),
        },
      },
    ),
  );
  return stdout;
}

async function inTemporaryDirectory<T>(work: (cwd: string) => Promise<T>): Promise<T> {
  const cwd = await mkdtemp(join(tmpdir(), 'kagura-example-'));
  try {
    return await work(cwd);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

describe('examples run by hand', () => {
  it('should give every runnable example a package script and say what it shows', () => {
    expect(runnable.length).toBeGreaterThan(10);
    for (const name of runnable) {
      expect(scripts[name], `script for ${name}`).toBe(
        `tsx --conditions=@kagura-ts/source ${name}.ts`,
      );
    }
    expect(runnable.filter((name) => !(name in shows))).toEqual([]);
  });

  // Side by side, two processes at a time (see processSlots).
  describe.concurrent('each, in a new process against the simulator', () => {
    it.for(runnable)(
      'should run %s and print what it shows',
      { timeout: 30_000 },
      async (name, { expect }) => {
        const stdout = await inTemporaryDirectory(async (cwd) =>
          runByHand(name, cwd, await freePort()),
        );
        expect(stdout).toMatch(/^No API key set: using the bundled LLM simulator at http:\/\//);
        expect(stdout).toMatch(shows[name]!);
      },
    );
  });

  it('should serve the second run of the caching example from the on-disk cache', async () => {
    const [first, second] = await inTemporaryDirectory(async (cwd) => {
      // Two processes, one store (.kagura/example-cache.db in cwd), the fixed port of by-hand runs.
      const port = await freePort();
      return [await runByHand('caching', cwd, port), await runByHand('caching', cwd, port)];
    });
    expect(first).toMatch(/^cold: 5 calls in \d+ ms, 0 from the cache$/m);
    expect(first).toMatch(/^hits 5, misses 5, hit rate 50%/m);
    expect(second).toMatch(/^warm: 5 calls in \d+ ms, 5 from the cache\nwarm: /m);
    expect(second).toMatch(/^hits 10, misses 0, hit rate 100%/m);
  }, 30_000);
});
