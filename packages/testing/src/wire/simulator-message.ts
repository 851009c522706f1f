/** A message of a simulated request, flattened to its role and text. */
export interface SimulatorMessage {
  /** `user`, `assistant`, `tool`, ... as sent (system messages go to `SimulatorRequestInfo.system`). */
  role: string;
  /** The text parts of the message joined with newlines (tool results included). */
  text: string;
}
