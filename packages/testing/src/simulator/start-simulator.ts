import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WIRE_FORMATS } from '../formats/wire-formats.js';
import { createRng } from '../util/create-rng.js';
import { createFaultQueue } from './create-fault-queue.js';
import { createPromptCache } from './create-prompt-cache.js';
import { createRequestHandler } from './create-request-handler.js';
import { createRuleList } from './create-rule-list.js';
import { resolveLatency } from './latency.js';
import type { RecordedRequest } from './recorded-request.js';
import type { Simulator } from './simulator.js';
import type { SimulatorContext } from './simulator-context.js';
import type { SimulatorOptions } from './simulator-options.js';

// Each format lists its own models, in registry order.
const DEFAULT_MODELS = WIRE_FORMATS.flatMap((format) => format.defaultModels);
const DEFAULT_WAIT_MS = 5000;

/**
 * Starts an LLM simulator: a real HTTP server speaking the OpenAI chat completions and Anthropic
 * messages wire formats, so the official SDKs can be tested against it.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ latency: 'none' });
 * const openai = new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 });
 * const completion = await openai.chat.completions.create({
 *   model: 'gpt-4o-mini',
 *   messages: [{ role: 'user', content: 'Hello' }],
 * });
 * await sim.close();
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? 0;
  const initialLatency = resolveLatency(options.latency);
  const waiters = new Set<() => void>();
  const now = options.now ?? (() => Date.now());
  const context: SimulatorContext = {
    formats: WIRE_FORMATS,
    seed,
    replyTokens: options.replyTokens ?? 24,
    models: options.models ?? DEFAULT_MODELS,
    recordRequests: options.recordRequests ?? true,
    latency: initialLatency,
    jitterRng: createRng(seed ^ 0x5eed),
    rules: createRuleList(options.rules ?? []),
    faults: createFaultQueue(),
    promptCache: options.promptCache === false ? undefined : createPromptCache(now),
    requests: [],
    requestCount: 0,
    disconnects: 0,
    closing: false,
    notify: () => {
      if (waiters.size === 0) return;
      for (const waiter of [...waiters]) waiter();
    },
  };
  for (const fault of options.faults ?? []) context.faults.add(fault);

  const server = createServer(
    createRequestHandler(context, { onRequestEnd: options.onRequestEnd }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    port: address.port,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    requests: context.requests,
    get disconnects() {
      return context.disconnects;
    },
    addRule(rule) {
      context.rules.add(rule);
    },
    injectFault(fault) {
      context.faults.add(fault);
    },
    setLatency(latency) {
      context.latency = resolveLatency(latency);
    },
    reset() {
      // Emptied in place: `requests` is a live array callers may hold on to.
      context.requests.length = 0;
      context.disconnects = 0;
      context.faults.clear();
      context.rules.reset();
      context.promptCache?.clear();
      context.latency = initialLatency;
    },
    waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs = DEFAULT_WAIT_MS) {
      return new Promise<void>((resolve, reject) => {
        if (predicate(context.requests)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `simulator.waitFor: the condition was still false after ${timeoutMs} ms (${context.requests.length} requests recorded).`,
            ),
          );
        }, timeoutMs);
        const check = (): void => {
          let done: boolean;
          try {
            done = predicate(context.requests);
          } catch (error) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(error);
            return;
          }
          if (!done) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        waiters.add(check);
      });
    },
    close() {
      // Idempotent: a second close() (e.g. an afterAll after an explicit close) shares the first.
      closed ??= new Promise<void>((resolve, reject) => {
        context.closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
