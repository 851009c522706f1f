import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRng } from '@kagura-ts/testing';
import { shuffled } from '../shuffled.js';
import { startSimulatorThread } from '../simulator-thread.js';
import { type Summary, summarize } from '../stats.js';
import type {
  TelemetryChildCommand,
  TelemetryChildReply,
  TelemetryChildSetup,
} from '../telemetry-child.js';

/** One configuration of the telemetry row. */
export interface TelemetryVariant {
  /** How the report names it. */
  label: string;
  /** Whether an OpenTelemetry SDK is registered in its process. */
  sdk: boolean;
  /** Whether the client is made with `telemetry: { enabled: false }`. */
  clientTelemetryDisabled: boolean;
  /** A checkout of another commit whose `packages/core` and `packages/openai` it runs, if any. */
  checkout?: string;
}

/** One configuration's figures, in microseconds per call. */
export interface TelemetryCell {
  /** The configuration's label. */
  label: string;
  /** Cache hits through `callLLM`. */
  hit: Summary;
  /** Misses (a new prompt each call) through `callLLM`, against a simulator that answers at once. */
  miss: Summary;
  /** Calls the configuration's process made, warm-up included (one `chat` span each). */
  calls: number;
  /** Spans that reached the exporter (0 without an SDK). */
  spansExported: number;
  /** Metric exports the periodic reader made (0 without an SDK). */
  metricExports: number;
}

/** The telemetry row: hit and miss latency with and without an OpenTelemetry SDK. */
export interface TelemetryOverheadResult {
  /** Measured calls per configuration and kind. */
  iterations: { hit: number; miss: number };
  /** The configurations; the first is the baseline of the ratios (no SDK registered). */
  cells: TelemetryCell[];
}

/** Options of {@link measureTelemetryOverhead}. */
export interface TelemetryOverheadOptions {
  /** Tiny counts, to prove the harness works. */
  quick: boolean;
  /** A checkout of an older commit (before tracing) measured as one more configuration. */
  baselineCheckout?: string | undefined;
  /** Progress lines. */
  log: (message: string) => void;
}

/** The configurations, the one without an SDK first. */
export function telemetryVariants(baselineCheckout?: string): TelemetryVariant[] {
  return [
    { label: 'no SDK registered', sdk: false, clientTelemetryDisabled: false },
    {
      label: 'no SDK, telemetry: { enabled: false }',
      sdk: false,
      clientTelemetryDisabled: true,
    },
    { label: 'SDK registered', sdk: true, clientTelemetryDisabled: false },
    { label: 'SDK, telemetry: { enabled: false }', sdk: true, clientTelemetryDisabled: true },
    ...(baselineCheckout === undefined
      ? []
      : [
          {
            label: `no SDK, commit ${checkoutRevision(baselineCheckout)}`,
            sdk: false,
            clientTelemetryDisabled: false,
            checkout: baselineCheckout,
          },
        ]),
  ];
}

/** The checkout's short commit, for the label (its directory when git cannot tell). */
function checkoutRevision(directory: string): string {
  try {
    const options = { cwd: directory, encoding: 'utf8' as const, stdio: 'pipe' as const };
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], options).trim();
  } catch {
    return directory;
  }
}

const counts = {
  full: {
    hit: { warmupCalls: 2_000, calls: 20_000, block: 200, discard: 20 },
    miss: { warmupCalls: 200, calls: 3_000, block: 30, discard: 3 },
    warmupMs: 1_500,
  },
  quick: {
    hit: { warmupCalls: 5, calls: 20, block: 10, discard: 1 },
    miss: { warmupCalls: 5, calls: 10, block: 5, discard: 1 },
    warmupMs: 0,
  },
};

/** A configuration's process, driven one command at a time. */
interface Child {
  variant: TelemetryVariant;
  process: ChildProcess;
  request(command: TelemetryChildCommand): Promise<TelemetryChildReply>;
}

async function startChild(variant: TelemetryVariant, openaiBaseURL: string): Promise<Child> {
  const moduleOf = (name: 'core' | 'openai') =>
    variant.checkout === undefined
      ? `@kagura-ts/${name}`
      : pathToFileURL(join(variant.checkout, 'packages', name, 'src', 'index.ts')).href;
  const setup: TelemetryChildSetup = {
    openaiBaseURL,
    sdk: variant.sdk,
    clientTelemetryDisabled: variant.clientTelemetryDisabled,
    coreModule: moduleOf('core'),
    openaiModule: moduleOf('openai'),
    metricIntervalMs: 5_000,
  };
  // The same node flags as this process (--conditions, --import tsx), its own globals.
  const child = fork(new URL('../telemetry-child.ts', import.meta.url), {
    env: { ...process.env, BENCH_TELEMETRY_CHILD: JSON.stringify(setup) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // A process that dies fails the row instead of leaving the parent waiting for its reply.
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => {
      reject(new Error(`The ${variant.label} process exited (${signal ?? `code ${code}`}).`));
    });
  });
  exited.catch(() => {});
  const reply = async () =>
    (await Promise.race([once(child, 'message') as Promise<[TelemetryChildReply]>, exited]))[0];
  const ready = await reply();
  if (ready.kind !== 'ready') throw new Error(`The ${variant.label} process did not start.`);
  return {
    variant,
    process: child,
    async request(command) {
      const next = reply();
      child.send(command);
      return next;
    },
  };
}

/**
 * The telemetry row: Kagura's memory-cache hits and misses against the simulator, with no
 * OpenTelemetry SDK registered, with one registered (spans batched to an exporter that drops
 * them, metrics read every 5 s), each with the client's telemetry on (the default) and off.
 * Registration is global and the API's proxy tracer keeps the SDK's tracer once it has seen it,
 * so each configuration runs in its own process; the parent hands out turns, one process at a
 * time, in a new random order each round: a fixed rotation would have each process always
 * follow the same other one (and inherit its effect on caches and the scheduler).
 */
export async function measureTelemetryOverhead(
  options: TelemetryOverheadOptions,
): Promise<TelemetryOverheadResult> {
  const plan = options.quick ? counts.quick : counts.full;
  const variants = telemetryVariants(options.baselineCheckout);
  const simulator = await startSimulatorThread({ latency: 'none', recordRequests: false });
  const children: Child[] = [];
  try {
    for (const variant of variants) {
      children.push(await startChild(variant, simulator.openaiBaseURL));
    }
    const samples = new Map(
      children.map((child) => [child, { hit: [] as number[], miss: [] as number[] }]),
    );
    const rng = createRng(12);
    for (const kind of ['hit', 'miss'] as const) {
      options.log(
        `telemetry row: ${kind === 'hit' ? 'hits' : 'misses'}, ${children.length} configurations`,
      );
      const { warmupCalls, calls, block, discard } = plan[kind];
      for (const child of children) {
        await child.request({ kind, warmupCalls, warmupMs: plan.warmupMs, calls: 0, discard: 0 });
      }
      const rounds = Math.ceil(calls / block);
      for (let round = 0; round < rounds; round += 1) {
        for (const child of shuffled(children, rng)) {
          const reply = await child.request({
            kind,
            warmupCalls: 0,
            warmupMs: 0,
            calls: block,
            discard,
          });
          if (reply.kind === 'samples') samples.get(child)?.[kind].push(...reply.samples);
        }
      }
    }
    const cells: TelemetryCell[] = [];
    for (const child of children) {
      const finished = await child.request({ kind: 'finish' });
      const own = samples.get(child) as { hit: number[]; miss: number[] };
      cells.push({
        label: child.variant.label,
        hit: summarize(own.hit.slice(0, plan.hit.calls)),
        miss: summarize(own.miss.slice(0, plan.miss.calls)),
        calls: finished.kind === 'finished' ? finished.calls : 0,
        spansExported: finished.kind === 'finished' ? finished.spansExported : 0,
        metricExports: finished.kind === 'finished' ? finished.metricExports : 0,
      });
    }
    return { iterations: { hit: plan.hit.calls, miss: plan.miss.calls }, cells };
  } finally {
    for (const child of children) if (child.process.exitCode === null) child.process.kill();
    await simulator.close();
  }
}
