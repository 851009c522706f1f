import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSimulator } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { checkNodeVersion } from '../../src/cli/check-node-version.js';

// The CLI runs from source, as a child process, under tsx: what a user's shell would see.
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(packageRoot, 'src', 'cli.ts');
const nodeArguments = ['--conditions=@kagura-ts/source', '--import', 'tsx', cli];
const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
};
const exitCodes = 'Exit status: 0 success, 1 runtime failure';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function kagura(
  args: string[],
  environment: Record<string, string> = {},
  node = process.execPath,
): Promise<Result> {
  try {
    const { stdout, stderr } = await promisify(execFile)(node, [...nodeArguments, ...args], {
      cwd: packageRoot,
      env: { ...process.env, ...environment },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: unknown; stdout: string; stderr: string };
    if (typeof code !== 'number') throw error;
    return { code, stdout, stderr };
  }
}

// A `kagura sim` that keeps running: its stdout's banner gives its URL, its stderr is read line
// by line.
async function startCliSimulator(args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [...nodeArguments, 'sim', ...args], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const stderrLines = createInterface({ input: child.stderr! })[Symbol.asyncIterator]();
  let banner = '';
  for await (const chunk of child.stdout!) {
    banner += String(chunk);
    if (banner.includes('Press Ctrl+C to stop.')) break;
  }
  const url = /listening on (http:\/\/\S+)/.exec(banner)?.[1];
  if (url === undefined) throw new Error(`no URL in the banner: ${banner}`);
  return {
    url,
    banner,
    nextStderrLine: async () => (await stderrLines.next()).value as string | undefined,
    async stop() {
      child.kill('SIGINT');
      const [code] = await exited;
      return code;
    },
  };
}

function chat(url: string, model: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }] }),
  });
}

// A Node.js older than Kagura's minimum, if this machine has one (CI images often keep the
// distribution's Node 20 at /usr/bin/node).
function findOldNode(): string | undefined {
  const directories = [
    '/usr/bin',
    '/usr/local/bin',
    '/bin',
    ...(process.env.PATH ?? '').split(delimiter),
  ];
  for (const directory of new Set(directories)) {
    const node = join(directory, 'node');
    try {
      const found = execFileSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' });
      if (checkNodeVersion(found.trim()) !== undefined) return node;
    } catch {
      // no Node.js there
    }
  }
  return undefined;
}

describe('kagura --help and --version', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])(
    'should print the overview for %j',
    async (args) => {
      const { code, stdout } = await kagura(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: kagura <command> \[options\]/);
      expect(stdout).toContain('-v, --version');
      expect(stdout).toContain(exitCodes);
    },
  );

  it.each([
    ['demo', ['demo', '--help']],
    ['demo', ['demo', '-h']],
    ['demo', ['help', 'demo']],
    ['sim', ['sim', '--help']],
    ['sim', ['sim', '-h']],
    ['sim', ['help', 'sim']],
  ])("should print the %s command's help for %j", async (command, args) => {
    const { code, stdout } = await kagura(args);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: kagura ${command} `));
    expect(stdout).toContain(exitCodes);
  });

  it("should describe --trace in the demo command's help", async () => {
    const { stdout } = await kagura(['demo', '--help']);
    expect(stdout).toMatch(/^Usage: kagura demo .*\[--trace\]$/m);
    expect(stdout).toMatch(/^ {2}--trace {9}\S/m);
  });

  it('should print the version from package.json', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await kagura([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

describe('kagura usage errors', () => {
  it.each([
    [['fly'], "kagura: unknown command 'fly'."],
    [['--fly'], "kagura: unknown option '--fly'. Run 'kagura --help' for the usage."],
    [['help', 'fly'], "kagura help: unknown command 'fly'."],
    [['sim', '--prot', '1'], "kagura sim: unknown option '--prot'. Run 'kagura sim --help'"],
    [['sim', '--port'], "kagura sim: option '--port' needs a value."],
    [['sim', '--port', 'abc'], "--port must be a whole number from 0 to 65535, got 'abc'"],
    [['sim', '--fast=yes'], "kagura sim: option '--fast' does not take an argument."],
    [['demo', 'now'], "kagura demo: unexpected argument 'now'."],
  ])('should exit 2 with a one-line reason for %j', async (args, message) => {
    const { code, stdout, stderr } = await kagura(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('kagura sim', () => {
  it('should exit 1 with advice, and no stack trace, when the port is in use', async () => {
    const taken = await startSimulator({ latency: 'none' });
    try {
      const { code, stdout, stderr } = await kagura(['sim', '--port', String(taken.port)]);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `Port ${taken.port} on 127.0.0.1 is in use: stop what is using it or pass --port 0 for a free port.\n`,
      );
    } finally {
      await taken.close();
    }
  });

  it('should log each request it answers on stderr and stop on SIGINT with 0', async () => {
    const simulator = await startCliSimulator(['--port', '0', '--fast']);
    expect(simulator.banner).toContain(`OpenAI-compatible:    ${simulator.url}/v1`);
    expect((await chat(simulator.url, 'qwen3:8b')).status).toBe(200);
    expect(await simulator.nextStderrLine()).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z POST \/v1\/chat\/completions qwen3:8b 200 \d+ ms$/,
    );
    expect((await fetch(`${simulator.url}/v1/nowhere`)).status).toBe(404);
    expect(await simulator.nextStderrLine()).toMatch(/Z GET \/v1\/nowhere - 404 \d+ ms$/);
    expect(await simulator.stop()).toBe(0);
  });

  it('should log nothing with --quiet', async () => {
    const simulator = await startCliSimulator(['--port', '0', '--fast', '--quiet']);
    expect((await chat(simulator.url, 'qwen3:8b')).status).toBe(200);
    expect(await simulator.stop()).toBe(0);
    expect(await simulator.nextStderrLine()).toBeUndefined();
  });
});

describe('kagura demo', () => {
  it('should run against the server of OPENAI_BASE_URL alone, naming it, with no key', async () => {
    const server = await startSimulator({ latency: 'none' });
    try {
      const { code, stdout, stderr } = await kagura(['demo'], {
        OPENAI_BASE_URL: server.openaiBaseURL,
        KAGURA_MODEL: 'qwen3:8b',
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      // The server is a simulator, and says so in a header: the demo names it for what it is.
      expect(stdout.split('\n')[0]).toBe(
        `Using a Kagura LLM simulator (kagura sim) at ${server.openaiBaseURL} (OPENAI_BASE_URL), ` +
          'model qwen3:8b, no API key sent; its replies are not written by a real model.',
      );
      expect(stdout).not.toContain('bundled');
      expect(stdout).not.toContain('\nTrace (');
      const [probe, ...calls] = server.requests;
      expect(probe).toMatchObject({ method: 'GET', path: '/v1/models' });
      expect(calls.length).toBeGreaterThan(3);
      for (const request of calls) {
        expect(request).toMatchObject({
          path: '/v1/chat/completions',
          body: { model: 'qwen3:8b' },
          headers: { authorization: 'Bearer kagura-no-key' },
        });
      }
    } finally {
      await server.close();
    }
  });
});

describe('kagura demo --trace', () => {
  it("should print the tour's span tree after the tour, with cache statuses and a summary", async () => {
    const server = await startSimulator({ latency: 'none' });
    try {
      const { code, stdout, stderr } = await kagura(['demo', '--trace'], {
        OPENAI_BASE_URL: server.openaiBaseURL,
        KAGURA_MODEL: 'qwen3:8b',
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const trace = stdout.slice(stdout.indexOf('\nTrace ('));
      expect(stdout.indexOf('Done.')).toBeLessThan(stdout.indexOf('\nTrace ('));
      const [header, ...lines] = trace.trim().split('\n');
      expect(header).toMatch(/^Trace \(\d+ spans, \d+ traces?\):$/);
      // The tour's agents are roots; their model calls hang under them.
      expect(lines[0]).toMatch(/^invoke_agent translate\s+\d+(\.\d+)? m?s$/);
      expect(lines[1]).toMatch(/^└─ chat qwen3:8b\s+miss\s+in \d+ out \d+\s+\d+(\.\d+)? m?s$/);
      // The warm run of the workflow is answered from the cache.
      expect(lines.some((line) => /─ chat qwen3:8b\s+hit\s+in \d+ out \d+/.test(line))).toBe(true);
      // Every model call the server answered is a miss in the tree; qwen3:8b has no list price.
      const calls = server.requests.filter((request) => request.path === '/v1/chat/completions');
      expect(lines.filter((line) => /─ chat qwen3:8b\s+miss/.test(line))).toHaveLength(
        calls.length,
      );
      expect(lines.at(-1)).toMatch(
        new RegExp(
          `^Cache: [1-9]\\d* hits?, (\\d+ coalesced, )?${calls.length} misses; [\\d,]+ tokens saved\\.$`,
        ),
      );
    } finally {
      await server.close();
    }
  });
});

describe('kagura on an old Node.js', () => {
  const oldNode = findOldNode();

  it.skipIf(oldNode === undefined)(
    'should say which Node it needs and exit 1 before loading anything else',
    async () => {
      const found = execFileSync(oldNode!, ['-p', 'process.versions.node'], { encoding: 'utf8' });
      for (const args of [['--version'], ['sim', '--port', '0']]) {
        const { code, stdout, stderr } = await kagura(args, {}, oldNode);
        expect(code).toBe(1);
        expect(stdout).toBe('');
        expect(stderr).toBe(`${checkNodeVersion(found.trim())}\n`);
        expect(stderr).toMatch(/^Kagura TS needs Node >= 22\.13, this is Node \d+\.\d+\.\d+\./);
      }
    },
  );
});
