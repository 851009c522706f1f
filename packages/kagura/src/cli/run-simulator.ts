import { startSimulator } from '@kagura-ts/testing';

/** Options for {@link runSimulator}. */
export interface RunSimulatorOptions {
  /** The port to listen on. @default 8787 */
  port?: number;
  /** The host to bind. @default '127.0.0.1' */
  host?: string;
  /** Reply at once instead of pacing like a hosted model. @default false */
  fast?: boolean;
}

/** Runs the LLM simulator until the process is interrupted. */
export async function runSimulator(options: RunSimulatorOptions = {}): Promise<void> {
  const simulator = await startSimulator({
    port: options.port ?? 8787,
    host: options.host,
    latency: options.fast ? 'none' : undefined,
  });
  process.stdout.write(
    `Kagura LLM simulator listening on ${simulator.url}\n` +
      `  OpenAI-compatible:    ${simulator.openaiBaseURL}   (OPENAI_BASE_URL)\n` +
      `  Anthropic-compatible: ${simulator.anthropicBaseURL}   (ANTHROPIC_BASE_URL)\n` +
      'Any API key works. Press Ctrl+C to stop.\n',
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      simulator.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
