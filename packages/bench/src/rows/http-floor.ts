import { Agent, type IncomingMessage, request } from 'node:http';
import {
  anthropicMaxTokens,
  type BenchPrompt,
  benchAnthropicModel,
  benchApiKey,
  benchModel,
} from '../systems/bench-system.js';

/** The wire format a floor speaks: Chat Completions or Anthropic Messages. */
export type FloorFormat = 'openai' | 'anthropic';

/**
 * The least a Chat Completions (or Anthropic Messages) call can cost in this process: a keep-alive
 * `node:http` POST of the request JSON and a `JSON.parse` of the reply, with no SDK and no cache.
 * Rows 2, 11.2, 11.7 and 11.8 measure it in the same turns as the systems, as the floor each
 * system's miss is divided by.
 */
export interface HttpFloor {
  /** Always `floor`: how the row tells it from a system. */
  readonly name: 'floor';
  /** POSTs `input` as a request of the floor's format and parses the JSON reply. */
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

/** The Messages request body every Anthropic-format system sends for `input`, as JSON. */
export function messagesBody(input: BenchPrompt, stream: boolean): string {
  return JSON.stringify({
    model: benchAnthropicModel,
    max_tokens: anthropicMaxTokens,
    ...(input.system === undefined ? {} : { system: input.system }),
    messages: [{ role: 'user', content: input.prompt }],
    ...(stream ? { stream } : {}),
  });
}

/** Where a floor of `format` POSTs, and the body and auth headers it sends for `input`. */
export interface FloorEndpoint {
  url: URL;
  body(input: BenchPrompt, stream: boolean): string;
  headers: Record<string, string>;
}

/**
 * The endpoint of `format` at `baseURL` (the SDK's: `.../v1` for OpenAI, the server's root for
 * Anthropic, whose SDK appends `/v1/messages`).
 */
export function floorEndpoint(format: FloorFormat, baseURL: string): FloorEndpoint {
  if (format === 'openai') {
    return {
      url: new URL(`${baseURL}/chat/completions`),
      body: chatCompletionBody,
      headers: { authorization: `Bearer ${benchApiKey}` },
    };
  }
  return {
    url: new URL(`${baseURL}/v1/messages`),
    body: messagesBody,
    headers: { 'x-api-key': benchApiKey, 'anthropic-version': '2023-06-01' },
  };
}

/** Options of one floor POST: where to, on which agent, and what to do with the reply. */
export interface FloorPostOptions {
  /** The full endpoint URL. */
  url: URL;
  /** Auth and version headers. */
  headers: Record<string, string>;
  /** The keep-alive agent. */
  agent: Agent;
  /** The request JSON. */
  body: string;
  /** Reads the reply; must consume it to its end so that the socket is reused. */
  read: (response: IncomingMessage) => Promise<unknown>;
}

/** POSTs `body` to `url` over `agent` and resolves what `read` makes of the reply. */
export function postFloorRequest(options: FloorPostOptions): Promise<unknown> {
  const { url, agent, body, read, headers } = options;
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
          ...headers,
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

/** Collects a reply body as one string. */
export function readText(response: IncomingMessage): Promise<string> {
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
 * The miss floor against the simulator at `baseURL` (the SDK's base URL of `format`): the same
 * request JSON the systems send, POSTed over a keep-alive `node:http` agent, the reply
 * `JSON.parse`d.
 */
export function createHttpFloor(baseURL: string, format: FloorFormat = 'openai'): HttpFloor {
  const endpoint = floorEndpoint(format, baseURL);
  const agent = createFloorAgent();
  return {
    name: 'floor',
    call: (input) =>
      postFloorRequest({
        url: endpoint.url,
        headers: endpoint.headers,
        agent,
        body: endpoint.body(input, false),
        read: async (response) => JSON.parse(await readText(response)),
      }),
    close: async () => agent.destroy(),
  };
}
