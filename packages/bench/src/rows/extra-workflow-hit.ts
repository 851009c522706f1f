import { createWorkflow } from '@kagura-ts/router';
import type { BenchContext } from '../bench-context.js';
import { timeUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt } from '../systems/bench-system.js';
import { createExtraKaguraClient } from '../systems/extra-kagura-client.js';
import { pause } from './count-upstream.js';
import { createMemoryHitFloor } from './hit-floor.js';
import { withSystems } from './with-systems.js';

/** Where the cached call is made. */
export type WorkflowHitVariant = 'outside' | 'workflow' | 'workflow-signal';

/** One variant's memory hit. */
export interface WorkflowHitCell {
  variant: WorkflowHitVariant;
  /** The hit, in microseconds (for a workflow, the whole `workflow.run`). */
  hitUs: Summary;
  /** What the variant adds over the call outside a workflow: `hitUs.p50 / outside p50 - 1`. */
  addedShare: number;
  /** `hitUs.p50` over the row's floor p50. */
  floorRatioP50: number;
}

/** The hit-inside-a-workflow row (Kagura only). */
export interface ExtraWorkflowHitResult {
  cells: WorkflowHitCell[];
  /**
   * The memory floor of the same hits, in the same turns: a lean key + `Map.get` + `JSON.parse`
   * of the stored reply, in microseconds.
   */
  floorUs: Summary;
  /** Requests upstream while the warmed prompts were asked once more each way: 0 when all hit. */
  upstreamRequests: number;
  /** Prompts warmed. */
  prompts: number;
  /** Why only Kagura is measured. */
  note: string;
}

/**
 * The hit-inside-a-workflow row: one Kagura client with a memory cache, its hit asked through
 * `client.call` directly, from the one step of a `@kagura-ts/router` workflow
 * (`createWorkflow().step(...)`, the step passing its `abortSignal` on as a step should), and
 * through that workflow given a new `AbortController`'s signal per run (as a server gives one per
 * request); the three interleaved in turns, then checked to have sent nothing upstream.
 */
export async function measureExtraWorkflowHit(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraWorkflowHitResult> {
  context.log('extra row: hit inside a workflow step');
  const settings = quick
    ? { warmup: 5, iterations: 20, block: 10, prompts: 4 }
    : { warmup: 200, iterations: 3_000, block: 100, prompts: 32 };
  const prompts: BenchPrompt[] = Array.from({ length: settings.prompts }, (_, index) => ({
    system: 'You are a concise assistant.',
    prompt: `workflow hit ${index}: summarise the release notes of version ${index}.`,
  }));
  const simulator = { latency: 'none' as const, recordRequests: true };
  return withSystems(context, { simulator, systems: [], store: 'none' }, async (_none, thread) => {
    const client = createExtraKaguraClient({
      openaiBaseURL: thread.openaiBaseURL,
      cache: { store: 'memory', ttl: 0 },
    });
    const answer = createWorkflow<BenchPrompt>({ name: 'answer' }).step(async function answerStep(
      input,
      { abortSignal },
    ) {
      const options = abortSignal === undefined ? {} : { abortSignal };
      return (await client.call(input.prompt, { system: input.system, ...options })).text;
    });
    const ask: Record<WorkflowHitVariant, (input: BenchPrompt) => Promise<string>> = {
      outside: async (input) => (await client.call(input.prompt, { system: input.system })).text,
      workflow: (input) => answer.run(input),
      'workflow-signal': (input) =>
        answer.run(input, { abortSignal: new AbortController().signal }),
    };
    const variants = Object.keys(ask) as WorkflowHitVariant[];
    try {
      const replies = new Map<BenchPrompt, string>();
      for (const prompt of prompts) replies.set(prompt, await ask.outside(prompt));
      const floor = createMemoryHitFloor(replies);
      await pause(100);
      const samples = await runInterleaved<WorkflowHitVariant | 'floor'>({
        contestants: [...variants, 'floor'],
        warmup: settings.warmup,
        warmupMs: quick ? 0 : context.config.warmupMs,
        iterations: settings.iterations,
        block: settings.block,
        discard: 5,
        measure: (variant, call) => {
          const input = prompts[call % prompts.length]!;
          return timeUs(() => (variant === 'floor' ? floor.call(input) : ask[variant](input)));
        },
      });
      const before = await thread.requestCount();
      for (const variant of variants) for (const prompt of prompts) await ask[variant](prompt);
      const upstreamRequests = (await thread.requestCount()) - before;
      const outside = summarize(samples.get('outside') ?? []);
      const floorUs = summarize(samples.get('floor') ?? []);
      const cells = variants.map((variant): WorkflowHitCell => {
        const hitUs = summarize(samples.get(variant) ?? []);
        return {
          variant,
          hitUs,
          addedShare: hitUs.p50 / outside.p50 - 1,
          floorRatioP50: hitUs.p50 / floorUs.p50,
        };
      });
      return {
        cells,
        floorUs,
        upstreamRequests,
        prompts: prompts.length,
        note: 'Kagura only: the AI SDK and LangChain.js have no workflow runner of their own to compare (LangGraph is a separate framework).',
      };
    } finally {
      await client.cache?.disconnect();
    }
  });
}
