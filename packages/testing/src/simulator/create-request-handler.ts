import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WireFormatApi } from '../formats/wire-formats.js';
import type { WireFormat } from '../wire/wire-format.js';
import type { Exchange } from './exchange.js';
import { handleGeneration } from './handle-generation.js';
import { handleModels } from './handle-models.js';
import type { RecordedRequest } from './recorded-request.js';
import { resolveRoute } from './resolve-route.js';
import { sendFormatError } from './send-format-error.js';
import { sendJson } from './send-json.js';
import type { SimulatorContext } from './simulator-context.js';

// On every reply, so that a client (`kagura demo`) can tell it talks to this simulator and not
// to a real OpenAI-compatible server. Part of the wire format: docs/simulator.md names it.
const SIMULATOR_HEADER = 'x-kagura-simulator';

/** The routes the formats serve, for the unknown-route message: `A, B or C`. */
function describeRoutes(formats: readonly WireFormat[]): string {
  const routes = formats.map((format) => `POST ${format.routes.generation}`);
  for (const format of formats) {
    const models = format.routes.models;
    if (models !== undefined && !routes.includes(`GET ${models}`)) routes.push(`GET ${models}`);
  }
  const last = routes.pop() ?? '';
  return routes.length === 0 ? last : `${routes.join(', ')} or ${last}`;
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

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function dispatch(
  context: SimulatorContext,
  exchange: Exchange,
  format: WireFormat<WireFormatApi>,
  text: string,
): void {
  const { record } = exchange;
  const parsed = parseBody(text);
  const headerError = format.checkHeaders?.(exchange.request.headers);
  if (headerError !== undefined) {
    if (parsed.ok) record.body = parsed.value;
    const { status, message, code } = headerError;
    sendFormatError(exchange, format, status, { message, code });
    return;
  }
  if (!parsed.ok) {
    const message = 'We could not parse the JSON body of your request (simulated).';
    sendFormatError(exchange, format, 400, { message });
    return;
  }
  record.body = parsed.value;
  exchange.notify();
  handleGeneration(context, exchange, format, parsed.value);
}

/**
 * Creates the `node:http` request listener: records each request and routes it to one of
 * `context.formats`.
 */
export function createRequestHandler(
  context: SimulatorContext,
  hooks: RequestHandlerHooks = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    const method = request.method ?? 'GET';
    const route = resolveRoute(context.formats, method, path, request.headers);
    const record: RecordedRequest = {
      id: ++context.requestCount,
      api: route.kind === 'generation' ? route.format.api : route.kind,
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
    if (route.kind === 'models') {
      request.resume();
      handleModels(context, exchange, route.format, route.modelId);
      return;
    }
    if (route.kind === 'unknown') {
      request.resume();
      const message = `Unknown route ${method} ${path} (simulated): use ${describeRoutes(context.formats)}.`;
      sendJson(exchange, 404, route.format.errorBody(404, { message, code: 'unknown_url' }));
      return;
    }
    const { format } = route;
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => {
      if (!exchange.closed) dispatch(context, exchange, format, text);
    });
    // A client that resets mid-upload also closes the response; 'close' records it.
    request.on('error', () => {});
  };
}
