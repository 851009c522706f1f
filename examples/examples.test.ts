import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createClient, getDefaultClient, setDefaultClient } from 'kagura-ts';
import { describe, expect, it, vi } from 'vitest';
import * as assistantExample from './assistant.js';
import * as cachingExample from './caching.js';
import * as callLLMExample from './call-llm.js';
import * as defineAgentExample from './define-agent.js';
import { createLimitedClient } from './limits.js';
import * as observabilityExample from './observability.js';
import * as parallelGatherExample from './parallel-gather.js';
import * as parallelMapExample from './parallel-map.js';
import * as promptCachingExample from './prompt-caching.js';
import { configureProviders } from './providers.js';
import * as streamTimeoutExample from './stream-timeout.js';
import * as streamingExample from './streaming.js';
import * as structuredOutputExample from './structured-output.js';
import * as toolsExample from './tools.js';
import * as translatorExample from './translator.js';
import { useExampleHarness } from './use-example-harness.js';

/**
 * Waits, in real time (by `setImmediate`, which fake timers leave alone), until `done` holds:
 * for the HTTP a test with fake timers waits on.
 */
async function untilReal(done: () => boolean, limitMs = 10_000): Promise<void> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > limitMs) throw new Error(`Not done within ${limitMs} ms.`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Moves fake time on in small steps, with real I/O between them, until `done` holds. */
async function advanceUntil(done: () => boolean, limitMs = 60_000): Promise<void> {
  for (let advancedMs = 0; !done(); advancedMs += 50) {
    if (advancedMs > limitMs) throw new Error(`Not done within ${limitMs} ms of fake time.`);
    await vi.advanceTimersByTimeAsync(50);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const harness = useExampleHarness([
  ...assistantExample.replies,
  ...translatorExample.replies,
  ...structuredOutputExample.replies,
  ...callLLMExample.replies,
  ...defineAgentExample.replies,
  ...parallelMapExample.replies,
  ...parallelGatherExample.replies,
  ...toolsExample.replies,
  ...observabilityExample.replies,
]);

describe('examples', () => {
  it('should run the translator against the model it names', async () => {
    await translatorExample.main();
    expect(harness.output).toEqual([
      'Bonjour, comment allez-vous ?',
      'おはようございます、お元気ですか？',
    ]);
    expect(harness.simulator.requests.map((request) => request.body)).toMatchObject([
      { model: 'gpt-4o-mini', temperature: 0 },
      { messages: [{ role: 'user', content: expect.stringContaining('into Japanese') }] },
    ]);
  });

  it('should run the structured-harness.output example through Anthropic tool use', async () => {
    await structuredOutputExample.main();
    expect(harness.output[0]).toBe('Shakshuka (25 min, vegetarian: true)');
    const request = harness.simulator.requests[0]!;
    expect(request.api).toBe('anthropic');
    expect(request.body).toMatchObject({ tool_choice: { type: 'tool' } });
  });

  it('should stream the story with the rendered system prompt', async () => {
    await streamingExample.main();
    expect(harness.output.length).toBeGreaterThan(3);
    expect(harness.output.at(-1)).toMatch(/first token after \d+ ms, \d+ tokens/);
    expect(harness.simulator.requests[0]?.body).toMatchObject({
      stream: true,
      messages: [{ role: 'system', content: 'You write for children.' }, { role: 'user' }],
    });
  });

  it('should run callLLM, structured harness.output and a streamed conversation', async () => {
    await callLLMExample.main();
    expect(harness.output).toContain('Paris France');
    expect(harness.output.join('')).toContain(
      'A read served from the cache instead of the source.',
    );
    expect(harness.simulator.requests.map((request) => request.api)).toEqual([
      'openai',
      'openai',
      'anthropic',
    ]);
  });

  it('should show a cold and a warm run through the on-disk cache', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'kagura-example-'));
    await cachingExample.main(`sqlite:${join(directory, 'cache.db')}`);
    expect(harness.output[0]).toMatch(/^cold: 5 calls in \d+ ms, 0 from the cache$/);
    expect(harness.output[1]).toMatch(/^warm: 5 calls in \d+ ms, 5 from the cache$/);
    expect(harness.output[2]).toMatch(/^hits 5, misses 5, hit rate 50%, saved \d+ tokens/);
    expect(harness.simulator.requests).toHaveLength(5);
    // A second run, a new process in real life, finds every answer on disk.
    harness.output.length = 0;
    await cachingExample.main(`sqlite:${join(directory, 'cache.db')}`);
    expect(harness.output[0]).toMatch(/^warm: 5 calls in \d+ ms, 5 from the cache$/);
    expect(harness.output[2]).toMatch(/^hits 10, misses 0, hit rate 100%/);
    expect(harness.simulator.requests).toHaveLength(5);
    await rm(directory, { recursive: true, force: true });
  });

  it('should run an agent made with defineAgent', async () => {
    await defineAgentExample.main();
    expect(harness.output).toEqual([
      'Hits are nearly free; misses are slow, so cache what repeats.',
    ]);
    expect(harness.simulator.requests[0]?.body).toMatchObject({
      messages: [
        {
          content:
            'Summarise in 12 words:\n- cache hits cost microseconds\n- misses cost seconds\n',
        },
      ],
    });
  });
});

describe('parallel and resilience examples', () => {
  it('should summarise documents with parallelMap, in order, four at a time', async () => {
    await parallelMapExample.main();
    expect(harness.output).toEqual(
      parallelMapExample.documents.map(
        (document, index) => `${document.title}: ${parallelMapExample.replies[index]!.reply}`,
      ),
    );
    expect(harness.simulator.requests).toHaveLength(5);
  });

  it('should fan three agents out over one review with parallelGather', async () => {
    await parallelGatherExample.main();
    expect(harness.output).toEqual(['Great battery, weak night camera (mixed): battery, camera']);
    expect(harness.simulator.requests.map((request) => request.api).sort()).toEqual([
      'anthropic',
      'openai',
      'openai',
    ]);
  });

  it('should build a client with limits that never lets more than the limit through', async () => {
    harness.simulator.setLatency({ timeToFirstTokenMs: 30, tokensPerSecond: 1000 });
    const client = createLimitedClient();
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        client.call(`limited ${index}`, { model: 'openai:gpt-4o' }),
      ),
    );
    const sorted = [...harness.simulator.requests].sort((a, b) => a.startedAt - b.startedAt);
    // With two in flight at most, the third request starts only after the first one ended.
    expect(sorted[2]!.startedAt).toBeGreaterThanOrEqual(
      Math.min(sorted[0]!.endedAt!, sorted[1]!.endedAt!),
    );
    harness.simulator.setLatency('none');
  });

  it('should retry a slow first token once, then give up naming the timeout', async () => {
    // The example waits 0.5 s for a first token, twice, and the simulator holds it 2.5 s: fake
    // timers stand in for those waits, while the requests reach the simulator over real HTTP.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const retryDelays: number[] = [];
      setDefaultClient(
        createClient({
          onEvent: (event) => {
            if (event.type === 'retry-scheduled') retryDelays.push(event.delayMs);
          },
        }),
      );
      harness.simulator.injectFault({ type: 'slow-first-token', delayMs: 2500, times: 2 });
      let finished = false;
      const run = streamTimeoutExample.main().finally(() => {
        finished = true;
      });
      for (let attempt = 1; ; attempt += 1) {
        // Time moves only once the attempt's request is at the simulator, held there.
        await untilReal(() => finished || harness.simulator.requests.length >= attempt);
        if (finished) break;
        await advanceUntil(() => finished || retryDelays.length >= attempt);
        if (finished) break;
        await vi.advanceTimersByTimeAsync(retryDelays[attempt - 1]!);
      }
      await run;
    } finally {
      vi.useRealTimers();
    }
    expect(harness.output.join('')).toContain('Gave up: Timed out waiting for the first token');
    expect(harness.simulator.requests).toHaveLength(2);
  });
});

describe('prompt caching example', () => {
  it('should write the handbook once, read it for the other questions, and name a timestamp', async () => {
    await promptCachingExample.main();
    const [first, ...others] = harness.output.slice(0, 3);
    expect(first).toMatch(/^Can I return shoes\? read 0, wrote \d{4} /);
    for (const line of others) expect(line).toMatch(/ read \d{4}, wrote 0 /);
    expect(harness.output[3]).toMatch(
      /^prompt cache missed: the system prompt changed at character 16 \(a timestamp\?\)/,
    );
    const bodies = harness.simulator.requests.map((request) => JSON.stringify(request.body));
    expect(bodies.every((body) => body.includes('"cache_control":{"type":"ephemeral"}'))).toBe(
      true,
    );
  });
});

describe('tools example', () => {
  it('should look up both cities, subtract, and answer', async () => {
    await toolsExample.main();
    expect(harness.output).toEqual(['Tokyo has 11,857,586 more people than Paris.']);
    expect(harness.simulator.requests).toHaveLength(3);
    const last = JSON.stringify(harness.simulator.requests[2]!.body);
    expect(last).toContain('13960236');
    expect(last).toContain('11857586');
  });
});

describe('README and providers examples', () => {
  it('should run the README assistant: text, schema and stream', async () => {
    await assistantExample.main();
    expect(harness.output.slice(0, 2)).toEqual(['Bonjour', 'Paris']);
    expect(harness.simulator.requests.map((request) => request.api)).toEqual([
      'openai',
      'anthropic',
      'openai',
    ]);
    expect(harness.simulator.requests[2]?.stream).toBe(true);
  });

  it('should configure several providers by name', () => {
    configureProviders();
    const client = getDefaultClient();
    expect(client.providers).toEqual(['openai', 'anthropic', 'ollama', 'vllm', 'research']);
    expect(client.resolveModel().provider).toBe('ollama');
    expect(client.resolveModel('vllm:qwen3-8b')).toMatchObject({
      provider: 'vllm',
      modelId: 'qwen3-8b',
    });
    expect(client.resolveModel('claude-haiku-4-5').provider).toBe('anthropic');
  });
});

describe('the observability example', () => {
  it("should send Kagura's spans to the registered SDK and log each call's cost", async () => {
    const exporter = new InMemorySpanExporter();
    try {
      await observabilityExample.main(exporter);
      expect(harness.output).toEqual([
        expect.stringMatching(/^call \d+: miss, \$0\.0000\d\d$/),
        expect.stringMatching(/^call \d+: hit, \$0\.0000\d\d$/),
      ]);
      const names = exporter.getFinishedSpans().map((span) => span.name);
      expect(names).toEqual([
        'chat gpt-4o-mini',
        'invoke_agent describe',
        'chat gpt-4o-mini',
        'invoke_agent describe',
      ]);
    } finally {
      trace.disable();
      context.disable();
    }
  });
});

describe('docs', () => {
  // Every TypeScript block in the docs and README is a real, typechecked and tested example.
  const examples = readdirSync(import.meta.dirname)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => readFileSync(new URL(name, import.meta.url), 'utf8'));
  const docsDirectory = new URL('../docs/', import.meta.url);
  const docs = readdirSync(docsDirectory)
    .filter((name) => name.endsWith('.md'))
    .map((name) => new URL(name, docsDirectory));
  docs.push(new URL('../README.md', import.meta.url));

  it.each(docs)('should take every TypeScript block in %s from a real example', (file) => {
    const markdown = readFileSync(file, 'utf8');
    const blocks = [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
    for (const block of blocks) {
      // Import lines may stand apart in the example (sorted among others); the rest is verbatim.
      const lines = block.split('\n');
      const imports = lines.filter((line) => line.startsWith('import '));
      const body = lines
        .filter((line) => !line.startsWith('import '))
        .join('\n')
        .trim();
      const found = examples.some(
        (source) => source.includes(body) && imports.every((line) => source.includes(line)),
      );
      expect(found, `not found in examples/:\n${block}`).toBe(true);
    }
  });
});
