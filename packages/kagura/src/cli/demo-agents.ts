import { agent, prompt } from '@kagura-ts/agent';
import type { LLMStream } from '@kagura-ts/core';
import { createJsonValidator } from '@kagura-ts/router';

/** The structured answer of the demo's extraction agent. */
export interface Scientist {
  name: string;
  born: number;
  knownFor: string[];
}

// Schema libraries are the user's: the CLI ships none, so its demo schema is plain JSON Schema
// with a hand-written check.
export const Scientist = createJsonValidator<Scientist>(
  {
    type: 'object',
    properties: {
      name: { type: 'string', description: 'Full name' },
      born: { type: 'integer', description: 'Year of birth' },
      knownFor: {
        type: 'array',
        items: { type: 'string' },
        description: 'What they are known for',
      },
    },
    required: ['name', 'born', 'knownFor'],
    additionalProperties: false,
  },
  (value) => {
    const { name, born, knownFor } = (value ?? {}) as Partial<Record<keyof Scientist, unknown>>;
    const issues = [];
    if (typeof name !== 'string') issues.push({ message: 'name must be a string', path: ['name'] });
    if (!Number.isInteger(born)) issues.push({ message: 'born must be a year', path: ['born'] });
    if (!Array.isArray(knownFor) || knownFor.some((entry) => typeof entry !== 'string')) {
      issues.push({ message: 'knownFor must be a list of strings', path: ['knownFor'] });
    }
    return issues;
  },
);

/** The agents the demo tours: text, structured output, and a stream. */
export class DemoAgents {
  @agent({ temperature: 0, description: 'Translates text' })
  translate(text: string, lang = 'French'): Promise<string> {
    return prompt`Translate "{{ text }}" into {{ lang }}. Reply with the translation only.`;
  }

  @agent({ schema: Scientist, temperature: 0, description: 'Extracts facts about a person' })
  profile(person: string): Promise<Scientist> {
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
