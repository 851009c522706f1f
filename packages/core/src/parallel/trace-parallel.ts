import type { Attributes } from '@opentelemetry/api';
import { kagura } from '../telemetry/gen-ai-names.js';
import { type OperationSpan, startOperationSpan } from '../telemetry/trace-operation.js';

/** The span names of the parallel helpers. */
export type ParallelSpanName = 'parallel_map' | 'parallel_map_unordered' | 'parallel_gather';

/**
 * Starts the INTERNAL span of one parallel run, as a child of the active span. The item count
 * is known at the start only for an array; otherwise `countItems` sets it at the end. An
 * unlimited concurrency is left out (an attribute cannot hold `Infinity` in every exporter).
 */
export function startParallelSpan(
  name: ParallelSpanName,
  items: unknown,
  concurrency: number,
): OperationSpan {
  const attributes: Attributes = {};
  if (Array.isArray(items)) attributes[kagura.parallelItems] = items.length;
  if (Number.isFinite(concurrency)) attributes[kagura.parallelConcurrency] = concurrency;
  return startOperationSpan(name, attributes);
}

/** Sets the item count of a run over an iterable whose length was not known at the start. */
export function countItems(operation: OperationSpan, items: unknown, count: number): void {
  if (!Array.isArray(items) && operation.span.isRecording()) {
    operation.span.setAttribute(kagura.parallelItems, count);
  }
}

/**
 * Runs one parallel call inside its span (see {@link startParallelSpan}): every task starts
 * with the span active, so the calls it makes are the span's children.
 */
export async function traceParallel<R extends readonly unknown[]>(
  name: ParallelSpanName,
  items: unknown,
  concurrency: number,
  run: () => Promise<R>,
): Promise<R> {
  const operation = startParallelSpan(name, items, concurrency);
  try {
    const results = await operation.run(run);
    countItems(operation, items, results.length);
    return results;
  } catch (error) {
    operation.end(error);
    throw error;
  } finally {
    operation.end();
  }
}
