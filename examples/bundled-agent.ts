import { agent, prompt } from 'kagura-ts';
import { runExample } from './run-example.js';

export class Assistant {
  // Survives `esbuild --bundle --minify`: the names no longer come from the source.
  @agent({ model: 'openai:gpt-4o-mini', parameters: ['text', 'lang'] })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate {{ text }} into {{ lang }}.`;
  }
}

export async function main(): Promise<void> {
  const assistant = new Assistant();
  console.log(await assistant.translate('Good morning'));
  console.log(await assistant.translate('Good morning', 'German'));
}

export const replies = [
  { match: 'into French', reply: 'Bonjour' },
  { match: 'into German', reply: 'Guten Morgen' },
];

await runExample(import.meta.url, main, replies);
