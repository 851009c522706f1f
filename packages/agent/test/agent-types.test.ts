import type { LLMStream } from '@kagura-ts/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agent, getAgents, prompt } from '../src/index.js';

const Person = z.object({ name: z.string() });

// These classes exist for the typecheck: `tsc` in `pnpm test` checks them with legacy
// decorators, and test/compiled-decorators.test.ts compiles this file again with standard
// ones. Each @ts-expect-error line fails the build if the decorator stops rejecting a method
// that does not fit its options.
class Checked {
  @agent({ schema: Person })
  good(text: string): Promise<{ name: string }> {
    return prompt`{{ text }}`;
  }

  @agent({ schema: Person, stream: true })
  goodStream(text: string): LLMStream<{ name: string }> {
    return prompt`{{ text }}`;
  }

  @agent({ parameters: ['text', 'lang'] })
  goodParameters(text: string, lang = 'French'): Promise<string> {
    return prompt`{{ text }} {{ lang }}`;
  }

  @agent({ parameters: ['text', 'tags'] })
  goodRest(text: string, ...tags: string[]): Promise<string> {
    return prompt`{{ text }} {{ tags }}`;
  }

  // @ts-expect-error a schema agent must return Promise<the schema's output>
  @agent({ schema: Person })
  wrongObject(text: string): Promise<string> {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error the declared object must be the schema's output
  @agent({ schema: Person })
  wrongShape(text: string): Promise<{ name: number }> {
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

  // @ts-expect-error an agent method must annotate its return type (else it is `never`)
  @agent()
  unannotated(text: string) {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error an unannotated schema agent too
  @agent({ schema: Person })
  unannotatedSchema(text: string) {
    return prompt`{{ text }}`;
  }

  // @ts-expect-error an unknown option is a typo
  @agent({ temprature: 0 })
  typo(text: string): Promise<string> {
    return prompt`{{ text }}`;
  }
}

describe('agent types', () => {
  it('should still decorate every method at run time', () => {
    expect(getAgents(Checked).map((descriptor) => descriptor.name)).toEqual([
      'good',
      'goodStream',
      'goodParameters',
      'goodRest',
      'wrongObject',
      'wrongShape',
      'wrongStream',
      'wrongText',
      'unannotated',
      'unannotatedSchema',
      'typo',
    ]);
  });

  it('should reject a parameters list of the wrong length when compiling and when defining', () => {
    expect(() => {
      class Miscounted {
        // @ts-expect-error parameters must name every parameter of the method
        @agent({ parameters: ['text'] })
        translate(text: string, lang = 'French'): Promise<string> {
          return prompt`{{ text }} {{ lang }}`;
        }
      }
      return Miscounted;
    }).toThrow(/names 1 parameter \(text\), but the method has 2: \(text, lang = .French.\)/);
  });
});
