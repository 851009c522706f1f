import type { IncomingMessage } from 'node:http';
import type { BenchPrompt } from '../systems/bench-system.js';
import {
  createFloorAgent,
  type FloorFormat,
  floorEndpoint,
  postFloorRequest,
} from './http-floor.js';
import type { StreamTiming } from './time-to-first-chunk.js';

/**
 * The least a streamed Chat Completions (or Anthropic Messages) call can cost in this process: a
 * keep-alive `node:http` POST with `stream: true` and a bare SSE parser. Row 5 measures it in the
 * same turns as the systems, as the floor of time to first token and of the whole stream.
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

interface MessagesEvent {
  type?: string;
  delta?: { type?: string; text?: string };
}

// What one `data: ` line of a stream of `format` is: text, its end, or anything else.
type Classify = (data: string) => 'text' | 'end' | 'other';

const classifiers: Record<FloorFormat, Classify> = {
  openai: (data) => {
    if (data === '[DONE]') return 'end';
    const content = (JSON.parse(data) as ChatChunk).choices?.[0]?.delta?.content;
    return typeof content === 'string' && content !== '' ? 'text' : 'other';
  },
  anthropic: (data) => {
    const event = JSON.parse(data) as MessagesEvent;
    if (event.type === 'message_stop') return 'end';
    const text = event.type === 'content_block_delta' ? event.delta?.text : undefined;
    return typeof text === 'string' && text !== '' ? 'text' : 'other';
  },
};

// The bare SSE parser: events split on a blank line, their `data: ` lines JSON.parsed, up to
// the end (`[DONE]`, or Anthropic's `message_stop`). Times are from `started`; the reply is read
// to its end so that the socket is reused.
function readStream(
  response: IncomingMessage,
  started: bigint,
  classify: Classify,
): Promise<StreamTiming> {
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
          const kind = classify(line.slice(6));
          if (kind === 'end') totalUs = elapsedUs();
          else if (kind === 'text' && Number.isNaN(firstUs)) firstUs = elapsedUs();
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
 * The streaming floor against the simulator at `baseURL` (the SDK's base URL of `format`): the
 * systems' request JSON with `stream: true`, POSTed over a keep-alive `node:http` agent, read by a
 * bare SSE parser.
 */
export function createHttpStreamFloor(
  baseURL: string,
  format: FloorFormat = 'openai',
): HttpStreamFloor {
  const endpoint = floorEndpoint(format, baseURL);
  const classify = classifiers[format];
  const agent = createFloorAgent();
  return {
    name: 'floor',
    stream: async (input) => {
      const started = process.hrtime.bigint();
      return (await postFloorRequest({
        url: endpoint.url,
        headers: endpoint.headers,
        agent,
        body: endpoint.body(input, true),
        read: (response) => readStream(response, started, classify),
      })) as StreamTiming;
    },
    close: async () => agent.destroy(),
  };
}
