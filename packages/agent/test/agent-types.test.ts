import type { LLMStream } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent, getAgents, prompt } from '../src/index.js';

const Person = z.object({ name: z.string() });

// These classes exist for the typecheck (`tsc` in `pnpm test`): each @ts-expect-error line
// fails the build if the decorator stops rejecting a return type that does not match its options.
class Checked {
  @agent({ schema: Person })
  good(text: string): Promise<{ name: string }> {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error a schema agent must return Promise<the schema's output>
  @agent({ schema: Person })
  wrongObject(text: string): Promise<string> {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error a stream agent must return LLMStream
  @agent({ stream: true })
  wrongStream(text: string): Promise<string> {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error a text agent must return Promise<string>
  @agent()
  wrongText(text: string): LLMStream {
    return prompt`{{ text }}`;
  }
}

describe('agent types', () => {
  it('should still decorate every method at run time', () => {
    expect(getAgents(Checked).map((descriptor) => descriptor.name)).toEqual([
      'good',
      'wrongObject',
      'wrongStream',
      'wrongText',
    ]);
  });
});
