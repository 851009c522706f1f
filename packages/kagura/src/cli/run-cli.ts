import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.js';
import { cliHelp } from './cli-help.js';

/** Options for {@link runCli}. */
export interface RunCliOptions {
  /** The arguments after `kagura`, e.g. `['sim', '--port', '0']`. */
  argv: readonly string[];
  /** The version of kagura-ts, from its `package.json`, printed by `--version`. */
  version: string;
  /** Where help and results go. @default process.stdout */
  stdout?: (text: string) => void;
  /** Where errors go. @default process.stderr */
  stderr?: (text: string) => void;
}

type Command = keyof typeof cliHelp;

/**
 * Runs the `kagura` CLI and returns its exit status: 0 success, 1 runtime failure, 2 usage
 * error. Errors are printed in one line, without a stack trace.
 */
export async function runCli(options: RunCliOptions): Promise<number> {
  const stdout = options.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = options.stderr ?? ((text: string) => process.stderr.write(text));
  const [command, ...rest] = options.argv;
  try {
    if (command === undefined || command === '-h' || command === '--help') {
      stdout(cliHelp.main);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      stdout(`${options.version}\n`);
      return 0;
    }
    if (command === 'help') {
      const [given, ...extra] = rest;
      const topic = given === '-h' || given === '--help' ? undefined : given;
      if (extra.length > 0) throw usageError('help', `unexpected argument '${extra[0]}'`);
      if (topic !== undefined && !isCommand(topic)) {
        throw usageError('help', `unknown command '${topic}'`);
      }
      stdout(cliHelp[topic ?? 'main']);
      return 0;
    }
    if (command === 'demo') {
      const values = parseCommand('demo', rest, {
        simulator: { type: 'boolean' },
        model: { type: 'string' },
        trace: { type: 'boolean' },
      });
      if (values.help) {
        stdout(cliHelp.demo);
        return 0;
      }
      // Each command loads its own modules: help and the simulator need no agents.
      const { runDemo } = await import('./run-demo.js');
      await runDemo({
        simulator: values.simulator,
        model: values.model,
        trace: values.trace,
        write: stdout,
      });
      return 0;
    }
    if (command === 'sim') {
      const values = parseCommand('sim', rest, {
        port: { type: 'string' },
        host: { type: 'string' },
        fast: { type: 'boolean' },
        quiet: { type: 'boolean' },
      });
      if (values.help) {
        stdout(cliHelp.sim);
        return 0;
      }
      const port = parsePort(values.port);
      const { runSimulator } = await import('./run-simulator.js');
      await runSimulator({
        port,
        host: values.host,
        fast: values.fast,
        quiet: values.quiet,
        stdout,
        stderr,
      });
      return 0;
    }
    if (command.startsWith('-')) throw usageError('main', `unknown option '${command}'`);
    stderr(`kagura: unknown command '${command}'.\n\n${cliHelp.main}`);
    return 2;
  } catch (error) {
    if (error instanceof CliError) {
      stderr(`${error.message}\n`);
      return error.exitCode;
    }
    stderr(`kagura: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

interface CommandValues {
  help?: boolean;
  simulator?: boolean;
  model?: string;
  trace?: boolean;
  port?: string;
  host?: string;
  fast?: boolean;
  quiet?: boolean;
}

// parseArgs throws a TypeError with an ERR_PARSE_ARGS_* code for an unknown option, a missing
// value or a stray argument: that is the user's mistake, a usage error, not a crash.
function parseCommand(
  command: Command,
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): CommandValues {
  try {
    const { values } = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    return values as CommandValues;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    throw usageError(command, describeParseError(code, (error as Error).message));
  }
}

function describeParseError(code: string, message: string): string {
  const quoted = /'([^']+)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    return `unknown option '${quoted}'`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined) {
    return `unexpected argument '${quoted}'`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /argument missing/.test(message)) {
    return `option '${quoted?.replace(/ <value>$/, '')}' needs a value`;
  }
  // e.g. "Option '--fast' does not take an argument": Node's own words are clear enough.
  return message.charAt(0).toLowerCase() + message.slice(1).replace(/\.$/, '');
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (text.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError('sim', `--port must be a whole number from 0 to 65535, got '${text}'`);
  }
  return port;
}

function usageError(command: Command | 'help', problem: string): CliError {
  const name = command === 'main' ? 'kagura' : `kagura ${command}`;
  const help = command === 'main' || command === 'help' ? 'kagura --help' : `${name} --help`;
  return new CliError({
    message: `${name}: ${problem}. Run '${help}' for the usage.`,
    exitCode: 2,
  });
}

function isCommand(name: string): name is Exclude<Command, 'main'> {
  return name === 'demo' || name === 'sim';
}
