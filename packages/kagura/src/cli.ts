#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { KaguraError } from '@kagura-ts/core';
import { runDemo } from './cli/run-demo.js';
import { runSimulator } from './cli/run-simulator.js';

const usage = `Usage: kagura <command> [options]

Commands:
  demo [--simulator] [--model M]   A short tour of Kagura's agents. Without OPENAI_API_KEY or
                                    ANTHROPIC_API_KEY it runs against the bundled LLM simulator.
  sim [--port N] [--host H] [--fast]
                                    Run the LLM simulator (OpenAI and Anthropic wire formats).
  help                              Show this help.
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(usage);
    return 0;
  }
  if (command === 'demo') {
    const { values } = parseArgs({
      args: rest,
      options: { simulator: { type: 'boolean' }, model: { type: 'string' } },
    });
    await runDemo({ simulator: values.simulator, model: values.model });
    return 0;
  }
  if (command === 'sim') {
    const { values } = parseArgs({
      args: rest,
      options: { port: { type: 'string' }, host: { type: 'string' }, fast: { type: 'boolean' } },
    });
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
      process.stderr.write(
        `kagura sim: --port must be a whole number from 0 to 65535, got '${values.port}'.\n`,
      );
      return 2;
    }
    await runSimulator({ port, host: values.host, fast: values.fast });
    return 0;
  }
  process.stderr.write(`kagura: unknown command '${command}'.\n\n${usage}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      KaguraError.isInstance(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`kagura: ${message}\n`);
    process.exitCode = 1;
  },
);
