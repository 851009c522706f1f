import type { IncomingHttpHeaders } from 'node:http';
import type { WireFormat } from '../wire/wire-format.js';

/** Where a request goes: a format's chat endpoint, a model listing, or nowhere. */
export type Route<Api extends string = string> =
  | { kind: 'generation'; format: WireFormat<Api> }
  | { kind: 'models'; format: WireFormat<Api>; modelId: string | undefined }
  | { kind: 'unknown'; format: WireFormat<Api> };

/** The format that claims the request's headers, else the first one. */
function claimant<Api extends string>(
  formats: readonly WireFormat<Api>[],
  headers: IncomingHttpHeaders,
): WireFormat<Api> {
  const first = formats[0];
  if (first === undefined) throw new Error('resolveRoute: no wire format is registered.');
  return formats.find((format) => format.claims?.(headers) === true) ?? first;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    // A malformed escape is not worth a 500: look the raw text up instead (it will 404).
    return part;
  }
}

/**
 * Routes a request among the registered formats: `POST` to a format's generation path, `GET` to
 * a models path (or `{path}/{id}`), else unknown. Shared routes go to the format that claims the
 * request's headers, or the first format serving them.
 */
export function resolveRoute<Api extends string>(
  formats: readonly WireFormat<Api>[],
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
): Route<Api> {
  if (method === 'POST') {
    const format = formats.find((candidate) => candidate.routes.generation === path);
    if (format !== undefined) return { kind: 'generation', format };
  }
  if (method === 'GET') {
    const listing = formats.filter(({ routes }) => {
      if (routes.models === undefined) return false;
      return path === routes.models || path.startsWith(`${routes.models}/`);
    });
    if (listing.length > 0) {
      const format = claimant(listing, headers);
      const prefix = `${format.routes.models}/`;
      const modelId = path.startsWith(prefix)
        ? decodePathPart(path.slice(prefix.length))
        : undefined;
      return { kind: 'models', format, modelId };
    }
  }
  return { kind: 'unknown', format: claimant(formats, headers) };
}
