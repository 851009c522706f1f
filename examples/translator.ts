import { agent, prompt } from 'kagura-ts';
import { runExample } from './run-example.js';

export class Translator {
  @agent({ model: 'openai:gpt-4o-mini', temperature: 0 })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate "{{ text }}" into {{ lang }}. Reply with the translation only.`;
  }
}

export async function main(): Promise<void> {
  const translator = new Translator();
  console.log(await translator.translate('Good morning, how are you?'));
  console.log(await translator.translate('Good morning, how are you?', 'Japanese'));
}

export const replies = [
  { match: 'into French', reply: 'Bonjour, comment allez-vous ?' },
  { match: 'into Japanese', reply: 'おはようございます、お元気ですか？' },
];

await runExample(import.meta.url, main, replies);
