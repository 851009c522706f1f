import type { IncomingMessage, ServerResponse } from 'node:http';
import { anthropicErrorBody } from './anthropic-error-body.js';
import type { Exchange } from './exchange.js';
import { handleGeneration } from './handle-generation.js';
import { handleModels } from './handle-models.js';
import { openaiErrorBody } from './openai-error-body.js';
import {
  ANTHROPIC_MESSAGES_FORMAT,
  OPENAI_CHAT_FORMAT,
  type ProviderFormat,
} from './provider-format.js';
import type { RecordedRequest } from './recorded-request.js';
import { sendJson } from './send-json.js';
import type { SimulatorContext } from './simulator-context.js';

const MODELS_PREFIX = '/v1/models/';

// On every reply, so that a client (`kagura demo`) can tell it talks to this simulator and not
// to a real OpenAI-compatible server. Part of the wire format: docs/simulator.md names it.
const SIMULATOR_HEADER = 'x-kagura-simulator';

function routeOf(method: string, path: string): RecordedRequest['api'] {
  if (method === 'POST' && path === '/v1/chat/completions') return 'openai';
  if (method === 'POST' && path === '/v1/messages') return 'anthropic';
  if (method === 'GET' && (path === '/v1/models' || path.startsWith(MODELS_PREFIX)))
    return 'models';
  return 'unknown';
}

/** Hooks of {@link createRequestHandler}. */
export interface RequestHandlerHooks {
  /**
   * Called once per request when its exchange ends (reply written, connection dropped, or the
   * client gone), with the final record, whether or not `recordRequests` keeps it.
   * @default undefined (no hook)
   */
  onRequestEnd?: (request: RecordedRequest) => void;
}

function onClose(context: SimulatorContext, exchange: Exchange, hooks: RequestHandlerHooks): void {
  exchange.closed = true;
  if (exchange.timer !== undefined) clearTimeout(exchange.timer);
  exchange.timer = undefined;
  const { record, response } = exchange;
  record.endedAt = Date.now();
  record.completed = response.writableFinished && !exchange.dropped;
  if (!record.completed && !exchange.dropped && !context.closing) {
    record.disconnected = true;
    context.disconnects++;
  }
  // Before notify, so that a `waitFor` on the end of a request sees the hook's work done.
  hooks.onRequestEnd?.(record);
  context.notify();
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed escape is not worth a 500: look the raw text up instead (it will 404).
    return part;
  }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function dispatch(context: SimulatorContext, exchange: Exchange, text: string): void {
  const { record } = exchange;
  const format: ProviderFormat =
    record.api === 'openai' ? OPENAI_CHAT_FORMAT : ANTHROPIC_MESSAGES_FORMAT;
  const parsed = parseBody(text);
  if (!parsed.ok) {
    const message = 'We could not parse the JSON body of your request (simulated).';
    sendJson(exchange, 400, format.errorBody(400, record.id, message), format.idHeaders(record.id));
    return;
  }
  record.body = parsed.value;
  exchange.notify();
  handleGeneration(context, exchange, format, parsed.value);
}

/** Creates the `node:http` request listener: records each request and routes it. */
export function createRequestHandler(
  context: SimulatorContext,
  hooks: RequestHandlerHooks = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const method = request.method ?? 'GET';
    const record: RecordedRequest = {
      id: ++context.requestCount,
      api: routeOf(method, path),
      method,
      path,
      headers: request.headers,
      body: undefined,
      stream: false,
      status: 0,
      startedAt: Date.now(),
      completed: false,
      disconnected: false,
    };
    if (context.recordRequests) context.requests.push(record);
    const exchange: Exchange = {
      record,
      request,
      response,
      timer: undefined,
      closed: false,
      dropped: false,
      notify: context.notify,
    };
    response.on('close', () => onClose(context, exchange, hooks));
    response.setHeader(SIMULATOR_HEADER, '1');
    context.notify();
    if (record.api === 'models') {
      request.resume();
      const id = path.startsWith(MODELS_PREFIX)
        ? decodePathPart(path.slice(MODELS_PREFIX.length))
        : undefined;
      handleModels(context, exchange, id);
      return;
    }
    if (record.api === 'unknown') {
      request.resume();
      const message = `Unknown route ${method} ${path} (simulated): use POST /v1/chat/completions, POST /v1/messages or GET /v1/models.`;
      const anthropic = request.headers['anthropic-version'] !== undefined;
      sendJson(
        exchange,
        404,
        anthropic ? anthropicErrorBody(404, message) : openaiErrorBody(404, message, 'unknown_url'),
      );
      return;
    }
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      if (!exchange.closed) dispatch(context, exchange, text);
    });
    // A client that resets mid-upload also closes the response; 'close' records it.
    request.on('error', () => {});
  };
}
