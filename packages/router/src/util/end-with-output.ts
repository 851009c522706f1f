import type { OperationSpan } from '@kagura-ts/core';
import { isLLMStream } from './is-llm-stream.js';

/**
 * Ends an operation span once its output is done: at once, or, for an `LLMStream`, when the
 * stream ends (failed if it fails), so the span covers the answer being written.
 */
export function endWithOutput(operation: OperationSpan, output: unknown): void {
  if (!isLLMStream(output)) {
    operation.end();
    return;
  }
  output.response.then(
    () => operation.end(),
    (error: unknown) => operation.end(error),
  );
}
