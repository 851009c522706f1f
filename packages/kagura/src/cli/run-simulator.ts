import { startSimulator } from '@kagura-ts/testing';
import { CliError } from './cli-error.js';
import { formatRequestLine } from './format-request-line.js';

/** Options for {@link runSimulator}. */
export interface RunSimulatorOptions {
  /** The port to listen on; `0` picks a free one. @default 8787 */
  port?: number;
  /** The host to bind. @default '127.0.0.1' */
  host?: string;
  /** Reply at once instead of pacing like a hosted model. @default false */
  fast?: boolean;
  /** Do not log the requests it answers. @default false */
  quiet?: boolean;
  /** Where the banner goes. @default process.stdout */
  stdout?: (text: string) => void;
  /** Where each answered request is logged, one line each. @default process.stderr */
  stderr?: (text: string) => void;
}

/**
 * Runs the LLM simulator until the process is interrupted (SIGINT or SIGTERM). It prints its
 * base URLs on stdout and, unless `quiet`, one line per answered request on stderr. A port in
 * use, or one it may not bind, is a {@link CliError} that says what to do.
 */
export async function runSimulator(options: RunSimulatorOptions = {}): Promise<void> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const port = options.port ?? 8787;
  const host = options.host ?? '127.0.0.1';
  const simulator = await startSimulator({
    port,
    host,
    latency: options.fast ? 'none' : undefined,
    // A simulator run by hand serves for hours: keep no history, only log.
    recordRequests: false,
    onRequestEnd: options.quiet
      ? undefined
      : (request) => stderr(`${formatRequestLine(request)}\n`),
  }).catch((error: unknown) => {
    throw listenError(error, port, host);
  });
  stdout(
    `Kagura LLM simulator listening on ${simulator.url}\n` +
      `  OpenAI-compatible:    ${simulator.openaiBaseURL}   (OPENAI_BASE_URL)\n` +
      `  Anthropic-compatible: ${simulator.anthropicBaseURL}   (ANTHROPIC_BASE_URL)\n` +
      'Any API key works, or none. ' +
      (options.quiet
        ? 'Press Ctrl+C to stop.\n'
        : 'Each request is logged on stderr (time, method, path, model, status, duration); ' +
          '--quiet turns that off. Press Ctrl+C to stop.\n'),
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

function listenError(error: unknown, port: number, host: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError({
      message: `Port ${port} on ${host} is in use: stop what is using it or pass --port 0 for a free port.`,
      cause: error,
    });
  }
  if (code === 'EACCES') {
    return new CliError({
      message: `Port ${port} on ${host} needs privileges to bind: pass a port above 1023, or --port 0 for a free port.`,
      cause: error,
    });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CliError({
      message: `Cannot listen on host '${host}': it is not an address of this machine. Pass --host 127.0.0.1 (the default) or --host 0.0.0.0 for every interface.`,
      cause: error,
    });
  }
  return error;
}
