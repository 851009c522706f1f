import { agent, prompt } from '@kagura-ts/agent';
import type { LLMStream } from '@kagura-ts/core';
import { z } from 'zod';

/** The structured answer of the demo's extraction agent. */
export const Scientist = z.object({
  name: z.string().describe('Full name'),
  born: z.number().int().describe('Year of birth'),
  knownFor: z.array(z.string()).describe('What they are known for'),
});

/** The agents the demo tours: text, structured output, and a stream. */
export class DemoAgents {
  @agent({ temperature: 0, description: 'Translates text' })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate "{{ text }}" into {{ lang }}. Reply with the translation only.`;
  }

  @agent({ schema: Scientist, temperature: 0, description: 'Extracts facts about a person' })
  profile(person: string): Promise<z.infer<typeof Scientist>> {
    return prompt`Give the full name, year of birth and main achievements of {{ person }}.`;
  }

  @agent({ stream: true, description: 'Writes a short brief' })
  brief(topic: string, sentences = 3): LLMStream {
    return prompt`Write a {{ sentences }}-sentence brief on {{ topic }} for a busy engineer.`;
  }
}

/** Scripted simulator replies, so the demo reads well without a real model. */
export const demoReplies = [
  { match: 'Translate', reply: 'Bonjour le monde, et merci pour tout le poisson.' },
  {
    match: 'Ada Lovelace',
    reply: JSON.stringify({
      name: 'Augusta Ada King, Countess of Lovelace',
      born: 1815,
      knownFor: ['the first published computer program', 'notes on the Analytical Engine'],
    }),
  },
  {
    match: 'brief on',
    reply:
      'Lighthouses mark hazards with a light pattern unique to each tower, so a sailor can tell ' +
      'where they are from the flashes alone. Most are automated now; the keepers are gone, but ' +
      'the lights still turn every night. Modern ones run on LED lamps and solar power.',
  },
];
