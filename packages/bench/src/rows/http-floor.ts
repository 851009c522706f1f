import { Agent, type IncomingMessage, request } from 'node:http';
import { type BenchPrompt, benchApiKey, benchModel } from '../systems/bench-system.js';

/**
 * The least a Chat Completions call can cost in this process: a keep-alive `node:http` POST of the
 * request JSON and a `JSON.parse` of the reply, with no SDK and no cache. Row 2 measures it in the
 * same turns as the systems, as the floor each system's miss is divided by.
 */
export interface HttpFloor {
  /** Always `floor`: how the row tells it from a system. */
  readonly name: 'floor';
  /** POSTs `input` as a Chat Completions request and parses the JSON reply. */
  call(input: BenchPrompt): Promise<unknown>;
  /** Closes the agent's sockets. */
  close(): Promise<void>;
}

/** The Chat Completions request body every OpenAI-format system sends for `input`, as JSON. */
export function chatCompletionBody(input: BenchPrompt, stream: boolean): string {
  const messages: { role: 'system' | 'user'; content: string }[] = [];
  if (input.system !== undefined) messages.push({ role: 'system', content: input.system });
  messages.push({ role: 'user', content: input.prompt });
  return JSON.stringify(
    stream ? { model: benchModel, messages, stream } : { model: benchModel, messages },
  );
}

/** Options of one floor POST: where to, on which agent, and what to do with the reply. */
export interface FloorPostOptions {
  /** The full `.../chat/completions` URL. */
  url: URL;
  /** The keep-alive agent. */
  agent: Agent;
  /** The request JSON. */
  body: string;
  /** Reads the reply; must consume it to its end so that the socket is reused. */
  read: (response: IncomingMessage) => Promise<unknown>;
}

/** POSTs `body` to `url` over `agent` and resolves what `read` makes of the reply. */
export function postFloorRequest(options: FloorPostOptions): Promise<unknown> {
  const { url, agent, body, read } = options;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        method: 'POST',
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${benchApiKey}`,
        },
      },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          reject(new Error(`The floor's request failed with status ${response.statusCode}.`));
          return;
        }
        read(response).then(resolve, reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

// Collects a reply body as one string.
function readText(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
    });
    response.on('end', () => resolve(text));
    response.on('error', reject);
  });
}

/** A keep-alive `http.Agent` with one socket reused call after call. */
export function createFloorAgent(): Agent {
  return new Agent({ keepAlive: true });
}

/**
 * The miss floor against the simulator at `openaiBaseURL` (`.../v1`): the same request JSON the
 * systems send, POSTed over a keep-alive `node:http` agent, the reply `JSON.parse`d.
 */
export function createHttpFloor(openaiBaseURL: string): HttpFloor {
  const url = new URL(`${openaiBaseURL}/chat/completions`);
  const agent = createFloorAgent();
  return {
    name: 'floor',
    call: (input) =>
      postFloorRequest({
        url,
        agent,
        body: chatCompletionBody(input, false),
        read: async (response) => JSON.parse(await readText(response)),
      }),
    close: async () => agent.destroy(),
  };
}
