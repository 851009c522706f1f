import { agent, type LLMStream, prompt } from 'kagura-ts';
import { runExample } from './run-example.js';

export class Writer {
  @agent({ model: 'openai:gpt-4o-mini', stream: true, system: 'You write for {{ audience }}.' })
  story(topic: string, audience = 'children'): LLMStream {
    return prompt`Write a four-sentence story about {{ topic }}.`;
  }
}

export async function main(): Promise<void> {
  const stream = new Writer().story('a lighthouse keeper and a lost whale');
  const started = performance.now();
  let firstToken: number | undefined;
  // Tokens are printed as they arrive; breaking out of this loop closes the HTTP request.
  for await (const delta of stream) {
    firstToken ??= performance.now() - started;
    process.stdout.write(delta);
  }
  const usage = await stream.usage;
  console.log(
    `\n\nfirst token after ${Math.round(firstToken ?? 0)} ms, ${usage.outputTokens} tokens`,
  );
}

await runExample(import.meta.url, main);
