import { type BenchPrompt, benchModel } from '../systems/bench-system.js';
import type { LoopTool } from '../systems/extra-tool-loop-systems.js';
import { leanKeyOf } from './hit-floor.js';
import { createFloorAgent, floorEndpoint, postFloorRequest, readText } from './http-floor.js';

interface FloorMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
}

interface FloorCompletion {
  choices: { message: FloorMessage }[];
}

/** The tool loop's floor: the loop with nothing between it and the wire but `node:http`. */
export interface ToolLoopFloor {
  /** Always `floor`. */
  readonly name: 'floor';
  /** It has a memory cache of its own: a loop run before is all hits. */
  readonly cached: true;
  /** Runs the loop to the model's answer. */
  run(input: BenchPrompt): Promise<string>;
  close(): Promise<void>;
}

/**
 * The least a tool loop costs in this process, with the raw SDK loop's transcript: per model
 * turn, the request JSON of the transcript so far; on a miss a keep-alive `node:http` POST and a
 * `JSON.parse` of the reply (kept under a lean key of the request JSON, not awaited by anything);
 * on a hit the lean key + `Map.get` + `JSON.parse`. Then the tool's run and the transcript's growth
 * by the call and its result, as the hand-written loops do.
 */
export function createToolLoopFloor(options: {
  openaiBaseURL: string;
  maxSteps: number;
  loopTool: LoopTool;
}): ToolLoopFloor {
  const { openaiBaseURL, maxSteps, loopTool } = options;
  const endpoint = floorEndpoint('openai', openaiBaseURL);
  const agent = createFloorAgent();
  const stored = new Map<string, string>();
  const tool = {
    type: 'function',
    function: {
      name: loopTool.name,
      description: loopTool.description,
      parameters: loopTool.parameters,
    },
  };
  const turn = async (messages: FloorMessage[]): Promise<FloorCompletion> => {
    const body = JSON.stringify({ model: benchModel, messages, tools: [tool] });
    const key = leanKeyOf(body);
    const hit = stored.get(key);
    if (hit !== undefined) return JSON.parse(hit) as FloorCompletion;
    const text = (await postFloorRequest({
      url: endpoint.url,
      headers: endpoint.headers,
      agent,
      body,
      read: readText,
    })) as string;
    stored.set(key, text);
    return JSON.parse(text) as FloorCompletion;
  };
  return {
    name: 'floor',
    cached: true,
    async run(input) {
      const messages: FloorMessage[] = [];
      if (input.system !== undefined) messages.push({ role: 'system', content: input.system });
      messages.push({ role: 'user', content: input.prompt });
      for (let step = 0; step < maxSteps; step += 1) {
        const message = (await turn(messages)).choices[0]?.message;
        const calls = message?.tool_calls ?? [];
        if (message === undefined || calls.length === 0) return message?.content ?? '';
        messages.push(message);
        for (const call of calls) {
          const content = JSON.stringify(loopTool.execute(JSON.parse(call.function.arguments)));
          messages.push({ role: 'tool', tool_call_id: call.id, content });
        }
      }
      throw new Error(`The floor's loop made ${maxSteps} model calls without an answer.`);
    },
    close: async () => agent.destroy(),
  };
}
