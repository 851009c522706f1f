import type { WireFormatApi } from '../formats/wire-formats.js';
import type { ParsedRequestInfo } from '../wire/parsed-request-info.js';

/** What rules and fault matchers see of a chat request, whichever API it came through. */
export interface SimulatorRequestInfo extends ParsedRequestInfo {
  /** The API the request used: the `api` of the wire format that served it. */
  api: WireFormatApi;
}
