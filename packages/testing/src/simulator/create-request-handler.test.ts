import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireFormatApi } from '../formats/wire-formats.js';
import { createRng } from '../util/create-rng.js';
import type { WireFormat } from '../wire/wire-format.js';
import { createFaultQueue } from './create-fault-queue.js';
import { createRequestHandler } from './create-request-handler.js';
import { createRuleList } from './create-rule-list.js';
import type { SimulatorContext } from './simulator-context.js';

// A format the registry does not know, served by the shared handler as is: what a new provider's
// format plugs into.
const echoFormat: WireFormat<'echo'> = {
  api: 'echo',
  routes: { generation: '/echo/generate', models: '/echo/models' },
  defaultModels: ['echo-1'],
  checkHeaders: (headers) =>
    headers['x-echo-key'] === undefined
      ? { status: 401, message: 'Send an x-echo-key header.' }
      : undefined,
  parseRequest: (body) =>
    typeof body.model !== 'string'
      ? 'model is required'
      : {
          info: {
            model: body.model,
            system: '',
            messages: [],
            lastUserText: String(body.prompt ?? ''),
            tools: [],
            stream: body.stream === true,
            maxTokens: undefined,
            body,
          },
          outputSchema: undefined,
          jsonObject: false,
          forcedTool: undefined,
          stopSequences: [],
          includeUsage: false,
          contentKey: JSON.stringify(body),
        },
  buildJsonReply: (plan, parsed, requestNumber) => ({
    kind: 'json',
    headers: { 'content-type': 'application/json' },
    steps: [
      {
        data: JSON.stringify({
          id: requestNumber,
          model: parsed.info.model,
          text: plan.textTokens.join(''),
        }),
        token: false,
      },
    ],
    completionTokens: plan.completionTokens,
  }),
  buildStreamReply: (plan) => ({
    kind: 'stream',
    headers: { 'content-type': 'text/plain' },
    steps: plan.textTokens.map((token) => ({ data: `${token}|`, token: true })),
    completionTokens: plan.completionTokens,
  }),
  errorBody: (status, options = {}) =>
    JSON.stringify({ status, message: options.message ?? 'error', request: options.requestNumber }),
  idHeaders: (requestNumber) => ({ 'echo-request': String(requestNumber) }),
  modelList: (models) => ({ models }),
  modelEntry: (id) => ({ model: id }),
};

const context: SimulatorContext = {
  formats: [echoFormat as unknown as WireFormat<WireFormatApi>],
  seed: 0,
  replyTokens: 4,
  models: ['echo-1'],
  recordRequests: true,
  latency: undefined,
  jitterRng: createRng(1),
  rules: createRuleList([{ match: 'ping', reply: 'pong' }]),
  faults: createFaultQueue(),
  promptCache: undefined,
  requests: [],
  requestCount: 0,
  disconnects: 0,
  closing: false,
  notify: () => {},
};

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer(createRequestHandler(context));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function post(body: object, headers: Record<string, string> = { 'x-echo-key': 'k' }) {
  return fetch(`${url}/echo/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('createRequestHandler', () => {
  it('should serve a format through its interface alone: parse, plan, write JSON', async () => {
    const response = await post({ model: 'echo-1', prompt: 'ping' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: context.requestCount,
      model: 'echo-1',
      text: 'pong',
    });
    expect(context.requests.at(-1)).toMatchObject({ api: 'echo', path: '/echo/generate' });
  });

  it('should write a stream when the parsed request asks for one', async () => {
    const response = await post({ model: 'echo-1', prompt: 'ping', stream: true });
    expect(await response.text()).toBe('pong|');
    expect(context.requests.at(-1)).toMatchObject({ stream: true, completed: true });
  });

  it("should answer a failed header check with the format's error body and id headers", async () => {
    const response = await post({ model: 'echo-1' }, {});
    expect(response.status).toBe(401);
    expect(response.headers.get('echo-request')).toBe(String(context.requestCount));
    expect(await response.json()).toEqual({
      status: 401,
      message: 'Send an x-echo-key header.',
      request: context.requestCount,
    });
    expect(context.requests.at(-1)?.body).toEqual({ model: 'echo-1' });
  });

  it("should answer an invalid request with the parser's message", async () => {
    const response = await post({ prompt: 'no model' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'model is required' });
  });

  it("should list and look up models at the format's models path", async () => {
    expect(await (await fetch(`${url}/echo/models`)).json()).toEqual({ models: ['echo-1'] });
    expect(await (await fetch(`${url}/echo/models/echo-1`)).json()).toEqual({ model: 'echo-1' });
    expect((await fetch(`${url}/echo/models/other`)).status).toBe(404);
  });

  it("should name the formats' routes on an unknown route", async () => {
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      message:
        'Unknown route POST /v1/chat/completions (simulated): use POST /echo/generate or GET /echo/models.',
    });
    expect(context.requests.at(-1)).toMatchObject({ api: 'unknown' });
  });
});
