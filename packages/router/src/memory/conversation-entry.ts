/**
 * One turn of a conversation kept by a `MemoryManager`: what the user said, what an agent
 * answered, or the error an agent failed with.
 *
 * @example
 * ```ts
 * const entry: ConversationEntry = { role: 'assistant', content: 'Bonjour', agent: 'translate', timestamp: Date.now() };
 * ```
 */
export interface ConversationEntry {
  /** Who spoke: the user, or the agent answering. */
  role: 'user' | 'assistant';
  /** The text: the user's query, the agent's answer, or the error's message. */
  content: string;
  /** The agent that answered (or failed). */
  agent?: string;
  /**
   * Set when the turn is an agent's failure rather than an answer. Such turns are kept for the
   * record but left out of the messages given to agents as context.
   */
  error?: { name: string; message: string };
  /** When the turn was recorded, in milliseconds since the epoch. */
  timestamp: number;
}
