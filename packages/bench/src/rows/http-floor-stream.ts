import type { IncomingMessage } from 'node:http';
import type { BenchPrompt } from '../systems/bench-system.js';
import { chatCompletionBody, createFloorAgent, postFloorRequest } from './http-floor.js';
import type { StreamTiming } from './time-to-first-chunk.js';

/**
 * The least a streamed Chat Completions call can cost in this process: a keep-alive `node:http`
 * POST with `stream: true` and a bare SSE parser. Row 5 measures it in the same turns as the
 * systems, as the floor of time to first token and of the whole stream.
 */
export interface HttpStreamFloor {
  /** Always `floor`: how the row tells it from a system. */
  readonly name: 'floor';
  /** Streams `input` and resolves the time to its first content delta and to `[DONE]`. */
  stream(input: BenchPrompt): Promise<StreamTiming>;
  /** Closes the agent's sockets. */
  close(): Promise<void>;
}

interface ChatChunk {
  choices?: { delta?: { content?: string | null } }[];
}

// The bare SSE parser: events split on a blank line, their `data: ` lines JSON.parsed, up to
// `[DONE]`. Times are from `started`; the reply is read to its end so that the socket is reused.
function readStream(response: IncomingMessage, started: bigint): Promise<StreamTiming> {
  const elapsedUs = () => Number(process.hrtime.bigint() - started) / 1000;
  return new Promise((resolve, reject) => {
    let buffer = '';
    let firstUs = Number.NaN;
    let totalUs = Number.NaN;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        for (const line of event.split('\n')) {
          if (!line.startsWith('data: ') || !Number.isNaN(totalUs)) continue;
          const data = line.slice(6);
          if (data === '[DONE]') {
            totalUs = elapsedUs();
            continue;
          }
          const parsed = JSON.parse(data) as ChatChunk;
          const content = parsed.choices?.[0]?.delta?.content;
          if (Number.isNaN(firstUs) && typeof content === 'string' && content !== '') {
            firstUs = elapsedUs();
          }
        }
      }
    });
    response.on('end', () => {
      if (Number.isNaN(firstUs)) reject(new Error('The floor streamed no text.'));
      else resolve({ firstUs, totalUs: Number.isNaN(totalUs) ? elapsedUs() : totalUs });
    });
    response.on('error', reject);
  });
}

/**
 * The streaming floor against the simulator at `openaiBaseURL` (`.../v1`): the systems' request
 * JSON with `stream: true`, POSTed over a keep-alive `node:http` agent, read by a bare SSE parser.
 */
export function createHttpStreamFloor(openaiBaseURL: string): HttpStreamFloor {
  const url = new URL(`${openaiBaseURL}/chat/completions`);
  const agent = createFloorAgent();
  return {
    name: 'floor',
    stream: async (input) => {
      const started = process.hrtime.bigint();
      return (await postFloorRequest({
        url,
        agent,
        body: chatCompletionBody(input, true),
        read: (response) => readStream(response, started),
      })) as StreamTiming;
    },
    close: async () => agent.destroy(),
  };
}
