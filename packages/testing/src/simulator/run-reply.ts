import type { ReplyScript, ReplyStep } from '../wire/reply-script.js';
import type { Exchange } from './exchange.js';
import type { RequestTiming } from './latency.js';
import type { SimulatorFault } from './simulator-fault.js';

/** Data written together after a delay. */
interface Batch {
  delayMs: number;
  data: string;
}

/** Cuts a step's JSON payload in half, keeping its SSE framing, so it no longer parses. */
function breakStep(step: ReplyStep): ReplyStep {
  const marker = step.data.lastIndexOf('data: ');
  const start = marker === -1 ? 0 : marker + 6;
  const payload = step.data.slice(start).trimEnd();
  const broken = step.data.slice(0, start) + payload.slice(0, Math.ceil(payload.length / 2));
  return { ...step, data: start === 0 ? broken : `${broken}\n\n` };
}

function breakJson(steps: ReplyStep[]): ReplyStep[] {
  const target = Math.max(
    0,
    steps.findIndex((step) => step.token),
  );
  return steps.map((step, index) => (index === target ? breakStep(step) : step));
}

function toBatches(
  steps: ReplyStep[],
  timing: RequestTiming,
  extraFirstTokenMs: number,
  dropAfterTokens: number | undefined,
): { batches: Batch[]; drop: boolean } {
  const totalTokens = steps.reduce((total, step) => total + (step.token ? 1 : 0), 0);
  const limit = dropAfterTokens === undefined ? undefined : Math.min(dropAfterTokens, totalTokens);
  let current: Batch = { delayMs: 0, data: '' };
  const batches = [current];
  let tokens = 0;
  for (const [index, step] of steps.entries()) {
    // Drop before the token past the limit, or right after the last token when the limit is
    // larger than the reply (never after the closing events, which would complete the stream).
    if (
      limit !== undefined &&
      index > 0 &&
      tokens === limit &&
      (step.token || tokens === totalTokens)
    ) {
      return { batches, drop: true };
    }
    if (step.token) {
      const delayMs =
        tokens === 0 ? timing.firstTokenDelayMs + extraFirstTokenMs : timing.tokenIntervalMs;
      tokens++;
      if (delayMs > 0) {
        current = { delayMs, data: step.data };
        batches.push(current);
        continue;
      }
    }
    current.data += step.data;
  }
  return { batches, drop: limit !== undefined };
}

/**
 * Writes a reply script paced by the request's timing: a JSON body after the first-token delay
 * plus the generation time, a stream token by token. Applies `slow-first-token`, `drop` and
 * `malformed-json` faults. With zero latency nothing is scheduled: the reply is written at once.
 */
export function runReply(
  exchange: Exchange,
  script: ReplyScript,
  timing: RequestTiming,
  fault: SimulatorFault | undefined,
): void {
  const extraMs = fault?.type === 'slow-first-token' ? fault.delayMs : 0;
  const dropAfter = fault?.type === 'drop' ? (fault.afterTokens ?? 0) : undefined;
  const steps = fault?.type === 'malformed-json' ? breakJson(script.steps) : script.steps;
  let plan: { batches: Batch[]; drop: boolean };
  if (script.kind === 'json') {
    const delayMs =
      timing.firstTokenDelayMs + extraMs + script.completionTokens * timing.tokenIntervalMs;
    const data = dropAfter === undefined ? (steps[0]?.data ?? '') : '';
    plan = { batches: [{ delayMs, data }], drop: dropAfter !== undefined };
  } else {
    plan = toBatches(steps, timing, extraMs, dropAfter);
  }
  const { batches, drop } = plan;
  const { response, record } = exchange;
  const destroy = (): void => {
    response.destroy();
  };
  const runAt = (index: number): void => {
    exchange.timer = undefined;
    if (exchange.closed) return;
    const batch = batches[index] as Batch;
    const last = index === batches.length - 1;
    if (last && drop) exchange.dropped = true;
    // A JSON reply that is dropped sends nothing at all, not even the status line.
    if (index === 0 && !(last && drop && batch.data === '')) {
      record.status = 200;
      response.writeHead(200, script.headers);
      exchange.notify();
    }
    if (!last) {
      response.write(batch.data);
      scheduleAt(index + 1);
    } else if (!drop) {
      response.end(batch.data);
    } else if (batch.data === '') {
      destroy();
    } else {
      // Destroy only once the partial data is flushed, so the client really receives it.
      response.write(batch.data, destroy);
    }
  };
  const scheduleAt = (index: number): void => {
    const delayMs = (batches[index] as Batch).delayMs;
    if (delayMs > 0) exchange.timer = setTimeout(runAt, delayMs, index);
    else runAt(index);
  };
  scheduleAt(0);
}
