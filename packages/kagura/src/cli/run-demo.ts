import { type Client, setDefaultClient } from '@kagura-ts/core';
import { isLLMStream } from '@kagura-ts/router';
import { type SimulatorOptions, startSimulator } from '@kagura-ts/testing';
import { createClient } from '../create-client.js';
import { DemoAgents, demoReplies } from './demo-agents.js';
import { createDemoRouter, specialistTimings, workflowReplies } from './demo-workflow.js';
import { describeEndpoint } from './describe-endpoint.js';
import { formatTrace } from './format-trace.js';
import { isKaguraSimulator } from './is-kagura-simulator.js';

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** The model to use with a real provider. @default the client's default model */
  model?: string;
  /** Use the bundled simulator even when a provider is configured. @default false */
  simulator?: boolean;
  /**
   * Record the tour's OpenTelemetry spans in memory and print their tree after it: timings,
   * cache statuses, tokens and cost. Loads the OpenTelemetry SDK only then.
   * @default false
   */
  trace?: boolean;
  /** Where to print. @default process.stdout */
  write?: (text: string) => void;
  /**
   * The bundled simulator's latency (`'none'` for a test that checks what the tour says, not
   * how it paces).
   * @default the simulator's default profile, a small hosted model
   */
  simulatorLatency?: SimulatorOptions['latency'];
}

const simulatorNote =
  'Its replies are scripted, not written by a real model; its latency mimics a small hosted ' +
  'model (0.4-0.7 s to first token, about 65 tokens/s).';

/**
 * A short tour of Kagura's agents: a translator, a structured-output agent, a streaming agent
 * and a multi-agent workflow. It first says which server it talks to: the bundled LLM simulator
 * when no provider is configured (no `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` or
 * `OPENAI_BASE_URL`), else OpenAI, Anthropic or the OpenAI-compatible server at
 * `OPENAI_BASE_URL`.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  // Registered before anything else runs, so every span of the tour is recorded.
  const recording = options.trace
    ? await (await import('./record-trace.js')).startTraceRecording()
    : undefined;
  const { OPENAI_API_KEY, ANTHROPIC_API_KEY, OPENAI_BASE_URL, KAGURA_MODEL } = process.env;
  const configured = Boolean(
    OPENAI_API_KEY?.trim() || ANTHROPIC_API_KEY?.trim() || OPENAI_BASE_URL?.trim(),
  );
  const simulator =
    options.simulator || !configured
      ? await startSimulator({
          rules: [...demoReplies, ...workflowReplies],
          latency: options.simulatorLatency,
        })
      : undefined;
  let client: Client;
  if (simulator !== undefined) {
    client = createClient({
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'simulator' },
      anthropic: false,
      model: 'openai:gpt-4o-mini',
    });
    write(
      `Using the bundled LLM simulator at ${simulator.url} (no API key needed)` +
        (configured
          ? `, as --simulator asks.\n${simulatorNote}\n\n`
          : ': no OPENAI_API_KEY, ANTHROPIC_API_KEY or OPENAI_BASE_URL is set.\n' +
            `${simulatorNote} Set an API key, or OPENAI_BASE_URL for a local server such as ` +
            'Ollama, to run the same tour against a real model.\n\n'),
    );
  } else {
    client = createClient({ model: options.model });
    const { provider, modelId } = client.resolveModel();
    let endpoint = describeEndpoint({ provider, modelId });
    // Only a server other than OpenAI's is asked whether it is a `kagura sim`.
    const kaguraSimulator =
      endpoint.kind === 'openai-compatible' &&
      (await isKaguraSimulator({ baseURL: OPENAI_BASE_URL?.trim() ?? '' }));
    if (kaguraSimulator) endpoint = describeEndpoint({ provider, modelId, kaguraSimulator });
    write(`${endpoint.text}\n`);
    if (
      endpoint.kind === 'openai-compatible' &&
      !kaguraSimulator &&
      !options.model &&
      !KAGURA_MODEL?.trim()
    ) {
      write(
        `${modelId} is the default model: if this server has no such model, pass --model or ` +
          'set KAGURA_MODEL to one it has (e.g. qwen3:8b).\n',
      );
    }
    write('\n');
  }
  setDefaultClient(client);
  try {
    await tour(write);
    await workflowTour(write, client);
    if (recording !== undefined) {
      write(`\n${formatTrace(await recording.finish()).join('\n')}\n`);
    }
  } finally {
    setDefaultClient(undefined);
    await simulator?.close();
  }
}

async function tour(write: (text: string) => void): Promise<void> {
  const agents = new DemoAgents();

  write('1/4  @agent translate(text, lang) -> Promise<string>\n');
  let started = performance.now();
  const french = await agents.translate('Hello world, and thanks for all the fish', 'French');
  write(`     ${french}\n     ${elapsed(started)}\n\n`);

  write('2/4  @agent({ schema: Scientist }) profile(person) -> validated, typed object\n');
  started = performance.now();
  const scientist = await agents.profile('Ada Lovelace');
  write(
    `     ${scientist.name}, born ${scientist.born}, known for ${scientist.knownFor.join('; ')}\n`,
  );
  write(`     ${elapsed(started)}\n\n`);

  write('3/4  @agent({ stream: true }) brief(topic) -> LLMStream, printed as tokens arrive\n     ');
  started = performance.now();
  const stream = agents.brief('lighthouses');
  let firstToken: number | undefined;
  for await (const delta of stream) {
    firstToken ??= performance.now() - started;
    write(delta);
  }
  const usage = await stream.usage;
  write(
    `\n     first token after ${Math.round(firstToken ?? 0)} ms; ${usage.outputTokens} tokens ` +
      `in ${elapsed(started)}\n\n`,
  );
}

interface RoundReport {
  wallMs: number;
  firstTokenMs: number;
  requests: number;
  parallelMs: number;
  serialMs: number;
}

// A router, three specialists in parallel and a streamed synthesis, run cold then warm.
async function workflowTour(write: (text: string) => void, client: Client): Promise<void> {
  const cache = client.cache!;
  const query = 'Plan a trip to Kyoto in early April';
  write(
    '4/4  A multi-agent workflow, run twice: router -> 3 specialists in parallel -> streamed plan\n',
  );
  const router = createDemoRouter();
  const decision = await router.route(query);
  write(
    `     router: '${query}' -> ${decision.agent} (${decision.strategy}, confidence ${decision.confidence.toFixed(2)})\n`,
  );
  const rounds: RoundReport[] = [];
  for (const round of ['cold', 'warm'] as const) {
    const before = cache.stats();
    specialistTimings.clear();
    const started = performance.now();
    const output = await router.invoke(decision.agent, query);
    const parallelMs = performance.now() - started;
    let firstTokenMs = 0;
    write(`     ${round}: `);
    if (isLLMStream(output)) {
      for await (const delta of output) {
        if (firstTokenMs === 0) firstTokenMs = performance.now() - started;
        if (round === 'cold') write(delta);
      }
    }
    const wallMs = performance.now() - started;
    const after = cache.stats();
    const requests = after.misses - before.misses;
    const serialMs = [...specialistTimings.values()].reduce((sum, ms) => sum + ms, 0);
    rounds.push({
      wallMs,
      firstTokenMs,
      requests,
      parallelMs,
      serialMs,
    });
    if (round === 'warm') write('(the same plan, from the cache)');
    write('\n');
  }
  const [cold, warm] = rounds as [RoundReport, RoundReport];
  const stats = cache.stats();
  write(
    '\n     What the performance layer did:\n' +
      `     calls to the model   cold ${cold.requests}, warm ${warm.requests} ` +
      `(${stats.hits} answered from the cache, ${stats.coalesced} coalesced)\n` +
      `     wall time            cold ${ms(cold.wallMs)}, warm ${ms(warm.wallMs)} ` +
      `(${(cold.wallMs / Math.max(warm.wallMs, 0.001)).toFixed(0)}x faster)\n` +
      `     parallel vs serial   3 specialists in ${ms(cold.parallelMs)} side by side; ` +
      `one after another ${ms(cold.serialMs)}\n` +
      `     first token          cold ${ms(cold.firstTokenMs)}, warm ${ms(warm.firstTokenMs)}\n` +
      `     cost                 cold run at list prices, warm run $0: saved $${stats.costSaved.toFixed(6)} ` +
      `and ${stats.tokensSaved} tokens in all\n\nDone. Next: docs/getting-started.md\n`,
  );
}

function ms(milliseconds: number): string {
  if (milliseconds < 1) return `${(milliseconds * 1000).toFixed(0)} µs`;
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(2)} s`;
}

function elapsed(started: number): string {
  const milliseconds = performance.now() - started;
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(2)} s`;
}
