import { type Client, setDefaultClient } from '@kagura/core';
import { startSimulator } from '@kagura/testing';
import { createClient } from '../create-client';
import { DemoAgents, demoReplies } from './demo-agents';

/** Options for {@link runDemo}. */
export interface DemoOptions {
  /** The model to use with a real provider. @default the client's default model */
  model?: string;
  /** Use the bundled simulator even when an API key is set. @default false */
  simulator?: boolean;
  /** Where to print. @default process.stdout */
  write?: (text: string) => void;
}

/**
 * A short tour of Kagura's agents: a translator, a structured-output agent and a streaming
 * agent. Without an API key it starts the bundled LLM simulator and says so.
 */
export async function runDemo(options: DemoOptions = {}): Promise<void> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const hasKey = Boolean(process.env.OPENAI_API_KEY || process.env.ANTHROPIC_API_KEY);
  const simulator =
    options.simulator || !hasKey ? await startSimulator({ rules: demoReplies }) : undefined;
  let client: Client;
  if (simulator !== undefined) {
    client = createClient({
      openai: { baseURL: simulator.openaiBaseURL, apiKey: 'simulator' },
      anthropic: false,
      model: 'openai:gpt-4o-mini',
    });
    write(
      `${hasKey ? 'Using' : 'No OPENAI_API_KEY or ANTHROPIC_API_KEY is set, so this demo uses'} the ` +
        `bundled LLM simulator at ${simulator.url}.\nIts replies are scripted, not written by a ` +
        'real model; its latency mimics a small hosted model (0.4-0.7 s to first token, about ' +
        '65 tokens/s). Set an API key to run the same tour against the real provider.\n\n',
    );
  } else {
    client = createClient({ model: options.model });
    write(`Using the real provider: ${client.defaultModel}.\n\n`);
  }
  setDefaultClient(client);
  try {
    await tour(write);
  } finally {
    setDefaultClient(undefined);
    await simulator?.close();
  }
}

async function tour(write: (text: string) => void): Promise<void> {
  const agents = new DemoAgents();

  write('1/3  @agent translate(text, lang) -> Promise<string>\n');
  let started = performance.now();
  const french = await agents.translate('Hello world, and thanks for all the fish', 'French');
  write(`     ${french}\n     ${elapsed(started)}\n\n`);

  write('2/3  @agent({ schema: Scientist }) profile(person) -> validated, typed object\n');
  started = performance.now();
  const scientist = await agents.profile('Ada Lovelace');
  write(
    `     ${scientist.name}, born ${scientist.born}, known for ${scientist.knownFor.join('; ')}\n`,
  );
  write(`     ${elapsed(started)}\n\n`);

  write('3/3  @agent({ stream: true }) brief(topic) -> LLMStream, printed as tokens arrive\n     ');
  started = performance.now();
  const stream = agents.brief('lighthouses');
  let firstToken: number | undefined;
  for await (const delta of stream) {
    firstToken ??= performance.now() - started;
    write(delta);
  }
  const usage = await stream.usage;
  write(
    `\n     first token after ${Math.round(firstToken ?? 0)} ms; ${usage.outputTokens} tokens ` +
      `in ${elapsed(started)}\n\nDone. Next: docs/getting-started.md\n`,
  );
}

function elapsed(started: number): string {
  const milliseconds = performance.now() - started;
  return milliseconds < 1000
    ? `${Math.round(milliseconds)} ms`
    : `${(milliseconds / 1000).toFixed(2)} s`;
}
