import { type Client, createClient, type LLMStream } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { agent, getAgents, getTools, prompt, TemplateError, tool } from '../src/index.js';

// Vitest compiles decorators in the legacy form only, so these tests apply them the way
// TypeScript 5+ (without experimentalDecorators), esbuild and tsx do: `decorator(method,
// context)`, the returned function replacing the method. test/compiled-decorators.test.ts
// runs the real compiler's output.
type Decorator = (method: never, context: never) => unknown;

function decorate(target: object, key: string, decorators: Decorator[], isStatic = false) {
  const initializers: Array<() => void> = [];
  let value = Object.getOwnPropertyDescriptor(target, key)!.value;
  // Like the emitted code: the decorator nearest the method first.
  for (const decorator of [...decorators].reverse()) {
    const context = {
      kind: 'method' as const,
      name: key,
      static: isStatic,
      private: false,
      access: { has: (object: object) => key in object, get: (object: object) => value },
      addInitializer: (initializer: () => void) => initializers.push(initializer),
      // TypeScript passes undefined where Symbol.metadata is missing (Node 22 and 24).
      metadata: undefined,
    };
    value = (decorator as (method: unknown, context: unknown) => unknown)(value, context) ?? value;
  }
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
  return initializers;
}

const simulator = useSimulator();
let client: Client;

beforeAll(() => {
  client = createClient({
    providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
    model: 'openai:gpt-4o-mini',
  });
});

const Recipe = z.object({ title: z.string(), minutes: z.number().int() });

function defineKitchen() {
  class Kitchen {
    cuisine = 'Italian';

    weigh({ item }: { item: string }): string {
      return `${item}: 200 g`;
    }

    translate(text: string, lang = 'French'): Promise<string> {
      return prompt`Translate {{ text }} into {{ lang }} for {{ self.cuisine }} cooks.`;
    }

    recipe(dish: string): Promise<z.infer<typeof Recipe>> {
      return prompt`Give a recipe for {{ dish }}.`;
    }

    story(topic: string): LLMStream {
      return prompt`Tell a story about {{ topic }}.`;
    }

    ask(question: string): Promise<string> {
      return prompt`{{ question }}`;
    }

    typo(topic: string): Promise<string> {
      return prompt`Talk about {{ topik }}.`;
    }

    forgetful(topic: string): Promise<string> {
      return topic as never;
    }

    static describe(topic: string): Promise<string> {
      return prompt`Describe {{ topic }} for {{ self.name }}.`;
    }
  }
  const weigh = tool({
    description: 'Weighs an ingredient',
    parameters: z.object({ item: z.string() }),
  });
  const initializers = [
    ...decorate(Kitchen.prototype, 'weigh', [weigh as Decorator]),
    ...decorate(Kitchen.prototype, 'translate', [agent({ client }) as Decorator]),
    ...decorate(Kitchen.prototype, 'recipe', [agent({ client, schema: Recipe }) as Decorator]),
    ...decorate(Kitchen.prototype, 'story', [agent({ client, stream: true }) as Decorator]),
    ...decorate(Kitchen.prototype, 'ask', [agent({ client, tools: ['weigh'] }) as Decorator]),
    ...decorate(Kitchen.prototype, 'typo', [agent({ client }) as Decorator]),
    ...decorate(Kitchen.prototype, 'forgetful', [agent({ client }) as Decorator]),
    ...decorate(Kitchen, 'describe', [agent({ client }) as Decorator], true),
  ];
  return { Kitchen, initializers };
}

describe('@agent and @tool in the standard decorator form', () => {
  it('should list agents and tools from the class alone, without initializers or metadata', () => {
    const { Kitchen, initializers } = defineKitchen();
    expect(initializers).toEqual([]);
    expect(getAgents(Kitchen).map((descriptor) => descriptor.name)).toEqual([
      'translate',
      'recipe',
      'story',
      'ask',
      'typo',
      'forgetful',
    ]);
    expect(getTools(new Kitchen()).map((each) => each.name)).toEqual(['weigh']);
    // Nothing relies on reflect-metadata, or on emitDecoratorMetadata.
    expect('getOwnMetadata' in Reflect).toBe(false);
  });

  it('should call a text agent with defaults and self, a schema agent and a stream agent', async () => {
    const { Kitchen } = defineKitchen();
    const kitchen = new Kitchen();
    simulator().addRule({ match: 'into French', reply: 'Bonjour' });
    await expect(kitchen.translate('Hello')).resolves.toBe('Bonjour');
    expect(simulator().requests.at(-1)?.body).toMatchObject({
      messages: [{ role: 'user', content: 'Translate Hello into French for Italian cooks.' }],
    });
    expect(Recipe.safeParse(await kitchen.recipe('risotto')).success).toBe(true);
    simulator().addRule({ match: 'story', reply: 'Once upon a time.' });
    await expect(kitchen.story('caches').text()).resolves.toBe('Once upon a time.');
  });

  it('should run the class tools an agent names', async () => {
    const { Kitchen } = defineKitchen();
    simulator().addRule({
      match: 'Weigh the flour',
      times: 1,
      toolCalls: [{ name: 'weigh', input: { item: 'flour' } }],
    });
    simulator().addRule({
      match: (info) => JSON.stringify(info.body).includes('tool_call_id'),
      reply: 'Two hundred grams.',
    });
    await expect(new Kitchen().ask('Weigh the flour')).resolves.toBe('Two hundred grams.');
    expect(JSON.stringify(simulator().requests.at(-1)?.body)).toContain('flour: 200 g');
  });

  it('should name the class in errors once it is known, at call time', async () => {
    const { Kitchen } = defineKitchen();
    class Bakery extends Kitchen {}
    const error = await new Bakery().typo('bread').catch((caught: unknown) => caught);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect((error as TemplateError).missing).toEqual(['topik']);
    expect((error as Error).message).toContain('Available variables: self, topic');
    // The class that declares the method, found from the instance at call time.
    await expect(new Bakery().forgetful('bread')).rejects.toThrow(
      /^Kitchen\.forgetful must return its prompt with the prompt tag, but it returned a string/,
    );
    simulator().addRule({ match: 'Describe', reply: 'ok' });
    await expect(Kitchen.describe('pasta')).resolves.toBe('ok');
    expect(JSON.stringify(simulator().requests.at(-1)?.body)).toContain('pasta for Kitchen');
  });

  it('should name the member and the fix for anything but a method', () => {
    const getter = { kind: 'getter', name: 'menu', static: false, private: false };
    expect(() => (agent() as Decorator)(vi.fn() as never, getter as never)).toThrow(
      '@agent can only decorate a method, but menu is a getter. Move @agent to a method',
    );
    const field = { kind: 'field', name: 'chef', static: false, private: false };
    const weigh = tool({ parameters: z.object({}) }) as Decorator;
    expect(() => weigh(undefined as never, field as never)).toThrow(
      '@tool can only decorate a method, but chef is a field.',
    );
    const privateMethod = { kind: 'method', name: '#weigh', static: false, private: true };
    expect(() => weigh((() => 1) as never, privateMethod as never)).toThrow(
      '@tool cannot decorate the private method #weigh: getTools(instance) finds tools',
    );
  });
});
