import { costOf, defaultModelPrices } from '@kagura-ts/core';
import { countTokens, createRng } from '@kagura-ts/testing';
import type { PromptCachingSettings } from '../bench-config.js';
import { timeMs } from '../clock.js';
import { describeLatency } from '../describe-latency.js';
import { shuffled } from '../shuffled.js';
import type { SimulatedRequest } from '../simulated-request.js';
import { startSimulatorThread } from '../simulator-thread.js';
import { median, quantile } from '../stats.js';
import {
  createPromptCachingAgent,
  type PromptCachingAgent,
  type PromptCachingAgentName,
  promptCachingAgentNames,
} from '../systems/prompt-caching-agents.js';
import { supportHandbook, supportQuestions } from './prompt-caching-prompt.js';

/** One configuration's fan-out, per repetition (median over the repetitions, where noted). */
export interface PromptCachingCell {
  /** Which configuration. */
  agent: PromptCachingAgentName;
  /** How the report names it. */
  label: string;
  /** Requests the simulator received per fan-out (the same in every repetition, or the most). */
  requests: number;
  /** Prompt tokens written to the prompt cache per fan-out (median). */
  writeTokens: number;
  /** Prompt tokens read from it per fan-out (median). */
  readTokens: number;
  /** Prompt tokens neither read nor written per fan-out (median). */
  uncachedTokens: number;
  /** Output tokens per fan-out (median), as the simulator generated them. */
  outputTokens: number;
  /** Requests whose prompt wrote at least one token, per fan-out (median). */
  writers: number;
  /** What a fan-out costs at the price table (median), in US dollars. */
  costUsd: number;
  /** The fan-out's wall time, first call to last answer (median), in milliseconds. */
  wallMs: number;
  /** The wall times of every repetition, in milliseconds. */
  wallMsRuns: number[];
  /** Per-question latency as the simulator saw it (arrival to reply end), over all repetitions. */
  questionMs: { p50: number; p95: number };
  /** Output tokens the library reported, summed per fan-out (median): a cross-check. */
  reportedOutputTokens: number;
}

/** The prompt-caching row. */
export interface PromptCachingResult {
  questions: number;
  repetitions: number;
  model: string;
  /** The system prompt's length in the simulator's tokens. */
  systemTokens: number;
  latency: string;
  /** The price per million tokens the costs use. */
  price: { input: number; cacheWrite: number; cacheRead: number; output: number };
  cells: PromptCachingCell[];
}

/** The fan-out's figures from the simulator's requests. */
function tally(requests: readonly SimulatedRequest[], replyTokens: number) {
  const chat = requests.filter((request) => request.api === 'anthropic');
  let writeTokens = 0;
  let readTokens = 0;
  let uncachedTokens = 0;
  let outputTokens = 0;
  let writers = 0;
  for (const request of chat) {
    writeTokens += request.writeTokens;
    readTokens += request.readTokens;
    uncachedTokens += request.promptTokens - request.readTokens - request.writeTokens;
    outputTokens += Math.min(replyTokens, request.maxTokens ?? replyTokens);
    if (request.writeTokens > 0) writers += 1;
  }
  return { requests: chat.length, writeTokens, readTokens, uncachedTokens, outputTokens, writers };
}

/** The simulator's reply length (its default), which every request here gets in full. */
const replyTokens = 24;

/**
 * The prompt-caching row: an agent with a long system prompt answering `questions` distinct
 * questions at once, through each configuration (Kagura with automatic breakpoints with and
 * without warm-then-fan-out, and with no prompt caching; the AI SDK with and without the
 * documented `cacheControl`; LangChain's prompt-caching middleware), against the simulator's
 * Anthropic endpoint with prompt caching modelled. Each repetition starts from a cold prefix
 * cache (a new revision of the system prompt, and the simulator reset); the configurations take
 * turns in a new random order each round. Tokens and cost are counted from what the simulator
 * recorded, the same way for every configuration.
 */
export async function measurePromptCaching(
  settings: PromptCachingSettings,
  log: (message: string) => void,
): Promise<PromptCachingResult> {
  const { questions: count, repetitions, systemTokens, latency, model } = settings;
  log(
    `prompt-caching row: ${count} questions at once, ${repetitions} repetitions, ${promptCachingAgentNames.length} configurations`,
  );
  const simulator = await startSimulatorThread({ latency, replyTokens, models: [model] });
  try {
    const setup = { anthropicBaseURL: simulator.anthropicBaseURL, model };
    const agents = promptCachingAgentNames.map((name) => createPromptCachingAgent(name, setup));
    const questions = supportQuestions(count);
    const runs = new Map<PromptCachingAgent, Run[]>(agents.map((agent) => [agent, []]));
    let revision = 0;
    const fanOut = async (agent: PromptCachingAgent): Promise<Run> => {
      await simulator.reset();
      revision += 1;
      const system = supportHandbook(`${revision}`, systemTokens);
      let reported: number[] = [];
      const wallMs = await timeMs(async () => {
        reported = await agent.answerAll(system, questions);
      });
      const requests = await simulator.requests();
      return { wallMs, requests, reported: reported.reduce((sum, value) => sum + value, 0) };
    };
    // One fan-out each first, not measured: SDKs loaded on first use, JIT, connection pools.
    for (const agent of agents) await fanOut(agent);
    const rng = createRng(settings.seed);
    for (let round = 0; round < repetitions; round += 1) {
      for (const agent of shuffled(agents, rng)) runs.get(agent)?.push(await fanOut(agent));
    }
    const price = defaultModelPrices[model];
    if (price === undefined) throw new Error(`The price table has no ${model}.`);
    const cells = agents.map((agent) => summarizeRuns(agent, runs.get(agent) ?? [], model));
    return {
      questions: count,
      repetitions,
      model,
      systemTokens: countTokens(supportHandbook('1', systemTokens)),
      latency: describeLatency(latency),
      price: {
        input: price.input,
        cacheWrite: price.cacheWriteInput ?? price.input,
        cacheRead: price.cachedInput ?? price.input,
        output: price.output,
      },
      cells,
    };
  } finally {
    await simulator.close();
  }
}

/** One measured fan-out. */
interface Run {
  wallMs: number;
  requests: SimulatedRequest[];
  reported: number;
}

function summarizeRuns(agent: PromptCachingAgent, runs: readonly Run[], model: string) {
  const tallies = runs.map((run) => tally(run.requests, replyTokens));
  const price = defaultModelPrices[model];
  const costs = tallies.map((figures) =>
    costOf(
      {
        inputTokens: figures.writeTokens + figures.readTokens + figures.uncachedTokens,
        cachedInputTokens: figures.readTokens,
        cacheWriteInputTokens: figures.writeTokens,
        outputTokens: figures.outputTokens,
      },
      price,
    ),
  );
  const latencies = runs
    .flatMap((run) => run.requests)
    .filter((request) => request.api === 'anthropic' && request.endedAt !== undefined)
    .map((request) => (request.endedAt as number) - request.startedAt)
    .sort((a, b) => a - b);
  const of = (pick: (figures: (typeof tallies)[number]) => number) => median(tallies.map(pick));
  return {
    agent: agent.name,
    label: agent.label,
    requests: Math.max(0, ...tallies.map((figures) => figures.requests)),
    writeTokens: of((figures) => figures.writeTokens),
    readTokens: of((figures) => figures.readTokens),
    uncachedTokens: of((figures) => figures.uncachedTokens),
    outputTokens: of((figures) => figures.outputTokens),
    writers: of((figures) => figures.writers),
    costUsd: median(costs),
    wallMs: median(runs.map((run) => run.wallMs)),
    wallMsRuns: runs.map((run) => run.wallMs),
    questionMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95) },
    reportedOutputTokens: median(runs.map((run) => run.reported)),
  } satisfies PromptCachingCell;
}
