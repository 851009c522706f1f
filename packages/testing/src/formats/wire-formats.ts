import { ANTHROPIC_MESSAGES_FORMAT } from './anthropic-messages/anthropic-messages-format.js';
import { OPENAI_CHAT_FORMAT } from './openai-chat/openai-chat-format.js';

/**
 * The wire formats the simulator serves, in order: the request handler routes by their
 * `routes`, and the first one answers shared routes (model listings, unknown routes) that no
 * format `claims`. A new format is one folder here and one entry in this list.
 */
export const WIRE_FORMATS = [OPENAI_CHAT_FORMAT, ANTHROPIC_MESSAGES_FORMAT] as const;

/** The `api` name of a registered wire format (`RecordedRequest.api`, a fault's `api`). */
export type WireFormatApi = (typeof WIRE_FORMATS)[number]['api'];
