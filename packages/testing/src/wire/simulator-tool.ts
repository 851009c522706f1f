/** A tool a simulated request offers, in a provider-neutral shape. */
export interface SimulatorTool {
  /** The tool's name. */
  name: string;
  /** The tool's description, if any. */
  description?: string;
  /** The tool's JSON Schema (`parameters` for OpenAI, `input_schema` for Anthropic). */
  inputSchema: unknown;
}
