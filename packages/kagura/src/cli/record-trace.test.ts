import { startOperationSpan, traceOperation } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { startTraceRecording } from './record-trace.js';

describe('startTraceRecording', () => {
  it('should record finished spans with their parents across awaits, then refuse a second SDK', async () => {
    const recording = await startTraceRecording();
    await traceOperation('invoke_workflow trip', { 'gen_ai.workflow.name': 'trip' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const step = startOperationSpan('workflow_step plan', { 'kagura.cache.status': 'hit' });
      step.end();
    });
    const spans = await recording.finish();
    const [step, workflow] = spans;
    expect(spans.map((span) => span.name)).toEqual(['workflow_step plan', 'invoke_workflow trip']);
    expect(step).toMatchObject({
      traceId: workflow?.traceId,
      parentSpanId: workflow?.spanId,
      attributes: { 'kagura.cache.status': 'hit' },
    });
    expect(workflow?.parentSpanId).toBeUndefined();
    // The SDK anchors each span's start at `Date.now()` (whole milliseconds) and measures its end
    // with `performance.now()`, so two spans' clocks can disagree by up to a millisecond.
    const clockSkewMs = 1;
    expect(workflow!.endMs + clockSkewMs).toBeGreaterThanOrEqual(step!.endMs);
    expect(workflow!.startMs - clockSkewMs).toBeLessThanOrEqual(step!.startMs);
    expect(await recording.finish()).toEqual([]);

    await expect(startTraceRecording()).rejects.toThrow(
      /--trace registers its own OpenTelemetry context manager, but one is registered already/,
    );
  });
});
