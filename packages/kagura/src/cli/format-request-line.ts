import type { RecordedRequest } from '@kagura-ts/testing';

/**
 * One log line for a request the simulator answered: arrival time (ISO 8601, UTC), method, path,
 * model (`-` when the body names none), status (`-` when none was sent) and duration, then what
 * was unusual about it (a stream, a fault, a client that left early).
 *
 * @example
 * ```ts
 * formatRequestLine(request);
 * // '2026-05-01T09:30:00.120Z POST /v1/chat/completions gpt-4o-mini 200 412 ms stream'
 * ```
 */
export function formatRequestLine(request: RecordedRequest): string {
  const body = request.body;
  const model =
    typeof body === 'object' && body !== null && 'model' in body && typeof body.model === 'string'
      ? body.model
      : '-';
  const duration =
    request.endedAt === undefined ? '-' : `${request.endedAt - request.startedAt} ms`;
  const notes = [
    request.stream ? 'stream' : undefined,
    request.fault === undefined ? undefined : `fault=${request.fault}`,
    request.disconnected ? 'client-disconnected' : undefined,
  ].filter((note) => note !== undefined);
  return [
    new Date(request.startedAt).toISOString(),
    request.method,
    request.path,
    model,
    request.status === 0 ? '-' : String(request.status),
    duration,
    ...notes,
  ].join(' ');
}
