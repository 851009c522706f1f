import type { BenchContext } from '../bench-context.js';
import { nowUs } from '../clock.js';
import { runInterleaved } from '../interleave.js';
import { type Summary, summarize } from '../stats.js';
import type { BenchPrompt, SystemName } from '../systems/bench-system.js';
import {
  createToolLoopSystems,
  type LoopTool,
  type ToolLoopSystem,
} from '../systems/extra-tool-loop-systems.js';
import { createToolLoopFloor, type ToolLoopFloor } from './tool-loop-floor.js';
import { withSystems } from './with-systems.js';

/** One system's tool loop, every turn a miss or every turn a hit. */
export interface ToolLoopCell {
  /** The system, or `floor` (see {@link createToolLoopFloor}). */
  system: SystemName | 'floor';
  /** `miss`: a new prompt per loop (every turn asks the model); `hit`: a loop run before. */
  variant: 'miss' | 'hit';
  /** The whole loop, from the call to its answer, in microseconds. */
  loopUs: Summary;
  /**
   * Each model turn, in microseconds: turn 1 from the call to the tool's first run, turn n from
   * the tool's run n-1 to its run n, the last (the answer) from the tool's last run to the end.
   * Turn n sends a transcript of n-1 tool calls and results.
   */
  turnsUs: Summary[];
  /** The most requests that reached the simulator in one measured loop (0 for a hit loop). */
  upstreamRequestsPerLoop: number;
  /**
   * What the system adds per model turn over the raw `openai` SDK's hand-written loop:
   * `(loopUs.p50 - raw loopUs.p50) / turns`, in microseconds (miss loops only).
   */
  overheadPerTurnUs?: number;
}

/** The tool-loop row. */
export interface ExtraToolLoopResult {
  /** Tool calls the model makes before it answers (the loop's model turns are one more). */
  toolTurns: number;
  /** The length of each tool result, in characters (what the transcript grows by, about). */
  toolResultCharacters: number;
  /** Loops measured per system and variant. */
  loops: number;
  cells: ToolLoopCell[];
}

const toolName = 'lookup_release';
const resultFiller =
  ' The entry lists the fixes, the features and the deprecations of the release.';

// A tool whose n-th run in a loop answers observation n (about `characters` long), marking when
// it ran in the current loop's `marks`: the same loop asked twice sends the same transcript, so
// the second is all hits.
function createLoopTool(characters: number, loop: { marks: number[] }): LoopTool {
  return {
    name: toolName,
    description: 'Looks up the next page of the release log.',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string' } },
      required: ['query'],
      additionalProperties: false,
    },
    execute() {
      loop.marks.push(nowUs());
      const head = `observation ${loop.marks.length}:`;
      return head + resultFiller.repeat(Math.ceil(characters / resultFiller.length));
    },
  };
}

interface Contestant {
  system: ToolLoopSystem | ToolLoopFloor;
  variant: 'miss' | 'hit';
}

interface LoopRecord {
  turnsUs: number[];
  upstream: number;
}

/**
 * The tool-loop row: one tool, which the simulator is scripted to call `toolTurns` times (a rule
 * with `times`, re-armed by `reset()` before each loop) before the model answers. Each system
 * runs the whole loop its documented way, every loop a new prompt (misses: each turn
 * re-serializes the growing transcript and asks the model) or a loop it ran before (hits, for the
 * systems with a cache), the variants interleaved in turns; turns are timed from the tool's runs.
 */
export async function measureExtraToolLoop(
  context: BenchContext,
  quick: boolean,
): Promise<ExtraToolLoopResult> {
  context.log('extra row: tool loop');
  const settings = quick
    ? { toolTurns: 8, warmup: 2, iterations: 4, block: 2, hitPrompts: 2, characters: 400 }
    : { toolTurns: 8, warmup: 20, iterations: 200, block: 10, hitPrompts: 8, characters: 400 };
  const turns = settings.toolTurns + 1;
  const simulator = {
    latency: 'none' as const,
    recordRequests: true,
    rules: [
      {
        match: 'tool loop',
        toolCalls: [{ name: toolName, input: { query: 'next page' } }],
        times: settings.toolTurns,
      },
    ],
  };
  const prompt = (label: string): BenchPrompt => ({
    system: 'You are a release assistant. Use the tool to read the log.',
    prompt: `tool loop ${label}: which release fixed the cache stampede?`,
  });
  const hitPrompts = Array.from({ length: settings.hitPrompts }, (_, index) =>
    prompt(`hit ${index}`),
  );
  const cells = await withSystems(
    context,
    { simulator, systems: [], store: 'none' },
    async (_none, thread) => {
      const loop = { marks: [] as number[] };
      const loopOptions = {
        openaiBaseURL: thread.openaiBaseURL,
        maxSteps: turns + 2,
        loopTool: createLoopTool(settings.characters, loop),
      };
      const systems = [...createToolLoopSystems(loopOptions), createToolLoopFloor(loopOptions)];
      // One loop: the simulator re-armed first (outside the timing), its requests counted after.
      const runLoop = async (
        system: ToolLoopSystem | ToolLoopFloor,
        input: BenchPrompt,
      ): Promise<LoopRecord> => {
        await thread.reset();
        loop.marks = [];
        const started = nowUs();
        await system.run(input);
        const ended = nowUs();
        const ends = [...loop.marks, ended];
        const turnsUs = ends.map((end, index) => end - (index === 0 ? started : ends[index - 1]!));
        return { turnsUs, upstream: await thread.requestCount() };
      };
      try {
        for (const system of systems.filter((each) => each.cached)) {
          for (const input of hitPrompts) await runLoop(system, input);
        }
        const contestants: Contestant[] = systems.flatMap((system) =>
          system.cached
            ? [
                { system, variant: 'miss' as const },
                { system, variant: 'hit' as const },
              ]
            : [{ system, variant: 'miss' as const }],
        );
        const records = new Map<Contestant, LoopRecord[]>(
          contestants.map((contestant) => [contestant, []]),
        );
        const samples = await runInterleaved({
          contestants,
          warmup: settings.warmup,
          warmupMs: quick ? 0 : context.config.warmupMs,
          iterations: settings.iterations,
          block: settings.block,
          measure: async (contestant, call) => {
            const input =
              contestant.variant === 'hit'
                ? hitPrompts[call % hitPrompts.length]!
                : prompt(`${contestant.system.name} miss ${call}`);
            const record = await runLoop(contestant.system, input);
            records.get(contestant)!.push(record);
            return record.turnsUs.reduce((sum, value) => sum + value, 0);
          },
        });
        const raw = contestants.find((contestant) => contestant.system.name === 'raw-openai');
        const rawLoop = summarize(raw === undefined ? [] : (samples.get(raw) ?? []));
        return contestants.map((contestant): ToolLoopCell => {
          const loops = samples.get(contestant) ?? [];
          // With no discards and whole blocks, the kept samples are the last loops run (the
          // warm-up loops come first).
          const kept = records.get(contestant)!.slice(-loops.length);
          const loopUs = summarize(loops);
          const cell: ToolLoopCell = {
            system: contestant.system.name,
            variant: contestant.variant,
            loopUs,
            turnsUs: Array.from({ length: turns }, (_, turn) =>
              summarize(kept.map((record) => record.turnsUs[turn] ?? Number.NaN)),
            ),
            upstreamRequestsPerLoop: Math.max(...kept.map((record) => record.upstream)),
          };
          const name = contestant.system.name;
          if (contestant.variant === 'miss' && name !== 'raw-openai' && name !== 'floor') {
            cell.overheadPerTurnUs = (loopUs.p50 - rawLoop.p50) / turns;
          }
          return cell;
        });
      } finally {
        await Promise.all(systems.map((system) => system.close()));
      }
    },
  );
  return {
    toolTurns: settings.toolTurns,
    toolResultCharacters: settings.characters,
    loops: settings.iterations,
    cells,
  };
}
