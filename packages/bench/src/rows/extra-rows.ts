import type { BenchContext } from '../bench-context.js';
import { type ExtraAbortSignalResult, measureExtraAbortSignal } from './extra-abort-signal.js';
import { type ExtraAllocationResult, measureExtraAllocation } from './extra-allocation.js';
import { type ExtraAnswerSizeResult, measureExtraAnswerSize } from './extra-answer-size.js';
import { type ExtraAnthropicResult, measureExtraAnthropic } from './extra-anthropic.js';
import { type ExtraCrossProcessResult, measureExtraCrossProcess } from './extra-cross-process.js';
import { type ExtraLongTailResult, measureExtraLongTail } from './extra-long-tail.js';
import { type ExtraRedisMissResult, measureExtraRedisMiss } from './extra-redis-miss.js';
import { type ExtraReplayResult, measureExtraReplay } from './extra-replay.js';
import {
  type ExtraStructuredOutputResult,
  measureExtraStructuredOutput,
} from './extra-structured-output.js';
import { type ExtraToolLoopResult, measureExtraToolLoop } from './extra-tool-loop.js';
import { type ExtraWorkflowHitResult, measureExtraWorkflowHit } from './extra-workflow-hit.js';

/** The rows issue 15 found missing, each measured on its own (section 11 of the report). */
export interface ExtraRowsResult {
  /** Whether this was the quick mode (its figures prove the harness runs, no more). */
  quick: boolean;
  /** Memory-store hits and Kagura's cached streams at three answer sizes. */
  answerSize: ExtraAnswerSizeResult;
  /** A miss through a Redis store against the same system with no cache. */
  redisMiss: ExtraRedisMissResult;
  /** Several processes asking one prompt at once over one Redis. */
  crossProcess: ExtraCrossProcessResult;
  /** Memory hits with and without an abort signal. */
  abortSignal: ExtraAbortSignalResult;
  /** Memory hits of a JSON-schema call. */
  structuredOutput: ExtraStructuredOutputResult;
  /** A Zipf workload over many distinct queries under each default memory bound. */
  longTail: ExtraLongTailResult;
  /** A tool loop with a growing transcript, every turn a miss, then all of it again as hits. */
  toolLoop?: ExtraToolLoopResult;
  /** Memory-cache hits and misses over the Anthropic wire format. */
  anthropic?: ExtraAnthropicResult;
  /** Kagura's memory hit inside a workflow step against the same call outside one. */
  workflowHit?: ExtraWorkflowHitResult;
  /** Bytes allocated per memory hit, in a child process with a young generation no hit fills. */
  allocation?: ExtraAllocationResult;
  /** Cached streams replayed, per delta. */
  replay?: ExtraReplayResult;
}

/** Runs every extra row in turn, flushing the Redis between them. */
export async function measureExtraRows(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraRowsResult> {
  const answerSize = await measureExtraAnswerSize(context, quick);
  await context.flushRedis();
  const redisMiss = await measureExtraRedisMiss(context, quick);
  await context.flushRedis();
  const crossProcess = await measureExtraCrossProcess(context, quick);
  await context.flushRedis();
  const abortSignal = await measureExtraAbortSignal(context, quick);
  const structuredOutput = await measureExtraStructuredOutput(context, quick);
  const longTail = await measureExtraLongTail(context, quick);
  const toolLoop = await measureExtraToolLoop(context, quick);
  const anthropic = await measureExtraAnthropic(context, quick);
  const workflowHit = await measureExtraWorkflowHit(context, quick);
  const allocation = await measureExtraAllocation(context, quick);
  const replay = await measureExtraReplay(context, quick);
  return {
    quick,
    answerSize,
    redisMiss,
    crossProcess,
    abortSignal,
    structuredOutput,
    longTail,
    toolLoop,
    anthropic,
    workflowHit,
    allocation,
    replay,
  };
}
