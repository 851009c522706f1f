import { createRng } from '@kagura-ts/testing';
import type { BenchPrompt } from './systems/bench-system.js';
import { createZipfSampler } from './zipf.js';

/** The agents of the trace. */
export type AgentName =
  | 'support'
  | 'translator'
  | 'summarizer'
  | 'router'
  | 'researcher'
  | 'analyst'
  | 'writer'
  | 'synthesizer';

/** One call of the trace. */
export interface TraceCall extends BenchPrompt {
  /** The agent making it. */
  agent: AgentName;
}

/** A unit of work: one agent call, or a router -> parallel specialists -> synthesis workflow. */
export type TraceTask =
  | { kind: 'call'; call: TraceCall }
  | { kind: 'workflow'; router: TraceCall; specialists: TraceCall[]; synthesis: TraceCall };

/** A reproducible workload. */
export interface Trace {
  tasks: TraceTask[];
  /** Calls in all (a workflow counts each of its calls). */
  calls: number;
  /** Distinct prompts among them. */
  distinct: number;
  /** Calls per prompt key (see {@link promptKey}). */
  frequencies: Map<string, number>;
  /** The ideal hit rate of an exact-match cache: `1 - distinct / calls`. */
  idealHitRate: number;
  /** Workflows in the trace. */
  workflows: number;
}

/** Options of {@link createTrace}. */
export interface TraceOptions {
  /** About how many calls (the last task may overshoot by a workflow). */
  calls: number;
  /** How many distinct user queries there are. */
  distinctQueries: number;
  /** The Zipf exponent of query popularity. */
  exponent: number;
  /** The share of tasks that are workflows. */
  workflowShare: number;
  seed: number;
}

const singleAgents = ['support', 'translator', 'summarizer'] as const;
const specialists = ['researcher', 'analyst', 'writer'] as const;

const instructions: Record<AgentName, string> = {
  support: 'You are a support agent for an online store. Answer in two sentences.',
  translator: 'You translate customer messages into French. Reply with the translation only.',
  summarizer: 'You summarise support tickets in one line.',
  router: 'You route a question to the right specialists. Reply with their names.',
  researcher: 'You are a researcher. List the facts that matter.',
  analyst: 'You are an analyst. Weigh the options.',
  writer: 'You are a writer. Draft a clear answer.',
  synthesizer: 'You combine specialist notes into one answer.',
};

/** The text the metered fetch sees for a call: its messages' contents, one per line. */
export function promptKey(call: BenchPrompt): string {
  return call.system === undefined ? call.prompt : `${call.system}\n${call.prompt}`;
}

function query(rank: number): string {
  return `customer question #${rank}: what happens to order ${1000 + rank} if it ships late?`;
}

function agentCall(agent: AgentName, prompt: string): TraceCall {
  return { agent, system: instructions[agent], prompt };
}

/**
 * A seeded Zipf trace of agent calls: each task draws a query by popularity; most are one call
 * of one of three agents (which agent is fixed per query, as a product's routes are), the rest a
 * multi-agent workflow on the query (router, then two specialists in parallel, then synthesis).
 * The same query always makes the same prompts, so repeats are exact repeats.
 */
export function createTrace(options: TraceOptions): Trace {
  const rng = createRng(options.seed);
  const zipf = createZipfSampler({
    size: options.distinctQueries,
    exponent: options.exponent,
    rng,
  });
  const tasks: TraceTask[] = [];
  const frequencies = new Map<string, number>();
  let calls = 0;
  let workflows = 0;
  const count = (call: TraceCall) => {
    const key = promptKey(call);
    frequencies.set(key, (frequencies.get(key) ?? 0) + 1);
    calls += 1;
  };
  while (calls < options.calls) {
    const rank = zipf.next();
    const text = query(rank);
    if (rng.next() < options.workflowShare) {
      const chosen = [specialists[rank % 3]!, specialists[(rank + 1) % 3]!];
      const task: TraceTask = {
        kind: 'workflow',
        router: agentCall('router', text),
        specialists: chosen.map((agent) => agentCall(agent, text)),
        synthesis: agentCall(
          'synthesizer',
          `Combine the ${chosen.join(' and ')} notes on: ${text}`,
        ),
      };
      for (const call of [task.router, ...task.specialists, task.synthesis]) count(call);
      tasks.push(task);
      workflows += 1;
    } else {
      const call = agentCall(singleAgents[rank % 3]!, text);
      count(call);
      tasks.push({ kind: 'call', call });
    }
  }
  return {
    tasks,
    calls,
    distinct: frequencies.size,
    frequencies,
    idealHitRate: 1 - frequencies.size / calls,
    workflows,
  };
}

/**
 * The "common queries" of the RFC's 90% target: the most frequent tenth of the distinct prompts
 * (at least one).
 */
export function commonPrompts(trace: Trace): Set<string> {
  const ranked = [...trace.frequencies].sort((a, b) => b[1] - a[1]);
  const size = Math.max(1, Math.round(ranked.length / 10));
  return new Set(ranked.slice(0, size).map(([key]) => key));
}
