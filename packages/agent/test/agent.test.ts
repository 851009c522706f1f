import { createAnthropic } from '@kagura-ts/anthropic';
import { type Client, createClient, type LLMStream, OutputParseError } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { agent, defineAgent, getAgents, getTools, prompt, TemplateError } from '../src/index.js';

let simulator: Simulator;
let client: Client;

beforeAll(async () => {
  simulator = await startSimulator({ latency: 'none' });
  client = createClient({
    providers: {
      openai: createOpenAI({ baseURL: simulator.openaiBaseURL, apiKey: 'test-key' }),
      anthropic: createAnthropic({ baseURL: simulator.anthropicBaseURL, apiKey: 'test-key' }),
    },
    model: 'openai:gpt-4o-mini',
  });
});

afterAll(async () => {
  await simulator.close();
});

beforeEach(() => {
  simulator.reset();
});

function lastBody(): Record<string, unknown> {
  return simulator.requests.at(-1)?.body as Record<string, unknown>;
}

const Person = z.object({ name: z.string(), age: z.number().int() });

function makeAgents() {
  class Agents {
    tone = 'formal';

    @agent({
      client,
      temperature: 0,
      system: 'Answer in a {{ self.tone }} tone to {{ lang }} speakers.',
    })
    translate(text: string, lang = 'French'): Promise<string> {
      return prompt`Translate {{ text }} into {{ lang }}.`;
    }

    @agent({ client, model: 'anthropic:claude-haiku-4-5', maxTokens: 50 })
    summarise(
      { title, body }: { title: string; body: string },
      ...tags: string[]
    ): Promise<string> {
      return prompt`Summarise "{{ title }}": {{ body }} [{{ tags | join(", ") }}]`;
    }

    @agent({ client, schema: Person, description: 'Extracts a person' })
    extract(text: string): Promise<z.infer<typeof Person>> {
      return prompt`Extract the person from: {{ text }}`;
    }

    @agent({ client, stream: true })
    story(topic: string): LLMStream {
      return prompt`Tell a story about {{ topic }}.`;
    }

    @agent({
      client,
      temperature: 0.2,
      config: { model: 'anthropic:claude-haiku-4-5', temperature: 0.9 },
    })
    configured(topic: string): Promise<string> {
      return prompt`Talk about {{ topic }}.`;
    }

    @agent({ client })
    typo(topic: string): Promise<string> {
      return prompt`Talk about {{ topik }} ({{ topic }}).`;
    }

    @agent({ client })
    forgetful(topic: string): Promise<string> {
      return topic as never;
    }
  }
  return new Agents();
}

describe('@agent', () => {
  it('should fill the template by parameter name, defaults applied, and return the text', async () => {
    simulator.addRule({ match: 'into French', reply: 'Bonjour' });
    const agents = makeAgents();
    await expect(agents.translate('Hello')).resolves.toBe('Bonjour');
    const body = lastBody();
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.messages).toEqual([
      { role: 'system', content: 'Answer in a formal tone to French speakers.' },
      { role: 'user', content: 'Translate Hello into French.' },
    ]);
  });

  it('should bind destructured and rest parameters, through Anthropic', async () => {
    const agents = makeAgents();
    const text = await agents.summarise({ title: 'Caching', body: 'It is fast.' }, 'perf', 'llm');
    expect(text.length).toBeGreaterThan(0);
    const request = simulator.requests.at(-1)!;
    expect(request.api).toBe('anthropic');
    expect(request.body).toMatchObject({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Summarise "Caching": It is fast. [perf, llm]' }],
    });
  });

  it('should return the validated object for a schema agent', async () => {
    const agents = makeAgents();
    const person = await agents.extract('Ada, 36');
    expect(Person.safeParse(person).success).toBe(true);
    expect(lastBody().response_format).toMatchObject({ type: 'json_schema' });
  });

  it('should reject with OutputParseError carrying the raw text when the reply is invalid', async () => {
    simulator.addRule({ match: 'Extract the person', reply: '{"name": "Ada"}' });
    const error = await makeAgents()
      .extract('Ada')
      .catch((caught: unknown) => caught);
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect((error as OutputParseError).text).toBe('{"name": "Ada"}');
  });

  it('should return a stream of text deltas for a stream agent', async () => {
    simulator.addRule({ match: 'story', reply: 'Once upon a time there was a cache.' });
    const stream = makeAgents().story('caches');
    const deltas: string[] = [];
    for await (const delta of stream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe('Once upon a time there was a cache.');
    expect(simulator.requests.at(-1)?.stream).toBe(true);
  });

  it('should let config override the decorator fields', async () => {
    await makeAgents().configured('tea');
    const request = simulator.requests.at(-1)!;
    expect(request.api).toBe('anthropic');
    expect(request.body).toMatchObject({ model: 'claude-haiku-4-5', temperature: 0.9 });
  });

  it('should name a missing variable before any request', async () => {
    const error = await makeAgents()
      .typo('tea')
      .catch((caught: unknown) => caught);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect((error as TemplateError).missing).toEqual(['topik']);
    expect((error as Error).message).toContain('Available variables: self, topic');
    expect(simulator.requests).toHaveLength(0);
  });

  it('should explain a method that does not return its prompt', async () => {
    await expect(makeAgents().forgetful('tea')).rejects.toThrow(
      /must return its prompt.*a string/s,
    );
    expect(simulator.requests).toHaveLength(0);
  });

  it('should be discoverable on the class and its instances, with inheritance', () => {
    const agents = makeAgents();
    const names = getAgents(agents).map((descriptor) => descriptor.name);
    expect(names).toEqual([
      'translate',
      'summarise',
      'extract',
      'story',
      'configured',
      'typo',
      'forgetful',
    ]);
    expect(getAgents(agents.constructor).find((d) => d.name === 'extract')?.description).toBe(
      'Extracts a person',
    );
    class Child extends (agents.constructor as new () => object) {
      @agent({ client, name: 'poem' })
      story(topic: string): Promise<string> {
        return prompt`A poem about {{ topic }}.`;
      }
    }
    const childNames = getAgents(Child).map((descriptor) => descriptor.name);
    expect(childNames).toContain('poem');
    expect(childNames).not.toContain('story');
  });
});

describe('getAgents across copies of the package', () => {
  it('should find agents and tools another copy decorated', async () => {
    vi.resetModules();
    const copy = await import('../src/index.js');
    expect(copy.getAgents).not.toBe(getAgents);
    expect(copy.getAgents(makeAgents()).map((descriptor) => descriptor.name)).toContain('extract');
    class Other {
      @copy.tool({ parameters: z.object({}) })
      ping(): string {
        return 'pong';
      }

      @copy.agent({ client })
      ask(question: string): Promise<string> {
        return prompt`{{ question }}`;
      }
    }
    expect(getAgents(Other).map((descriptor) => descriptor.name)).toEqual(['ask']);
    expect(getTools(new Other()).map((each) => each.name)).toEqual(['ping']);
  });
});

describe('@agent on a method that is not an agent body', () => {
  it('should refuse an async method when the class is defined', () => {
    const define = () => {
      class Chef {
        @agent({ client })
        async recipe(dish: string): Promise<string> {
          return prompt`A recipe for {{ dish }}.`;
        }
      }
      return Chef;
    };
    expect(define).toThrow(TemplateError);
    expect(define).toThrow(
      /^Chef\.recipe is an async method, but an @agent method must not be\. Its body must only build the prompt \(`return prompt`\.\.\.``\): @agent makes the call and returns the promise itself\. Remove `async`/,
    );
  });

  it('should explain a body that returns a promise (async compiled away), before any request', async () => {
    class Chef {
      @agent({ client })
      recipe(dish: string): Promise<string> {
        // What an async method compiled to an older target looks like: a plain function.
        return Promise.resolve(prompt`A recipe for {{ dish }}.`);
      }
    }
    const error = await new Chef().recipe('soup').catch((caught: unknown) => caught);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Chef\.recipe returned a Promise instead of its prompt: the method is async, or returns a promise\. Its body must only build the prompt/,
    );
    expect(simulator.requests).toHaveLength(0);
  });

  it('should ask for parentheses when @agent is used without calling it', () => {
    const descriptor = { value: () => undefined, configurable: true };
    const bare = agent as unknown as (...args: unknown[]) => unknown;
    expect(() => bare({}, 'ask', descriptor)).toThrow(
      '@agent must be called to make a decorator: write @agent() or @agent({ ... })',
    );
    expect(() => bare(() => undefined, { kind: 'method', name: 'ask' })).toThrow(
      /write @agent\(\) or @agent/,
    );
  });
});

describe('defineAgent', () => {
  it('should render and call without a class', async () => {
    simulator.addRule({ match: 'into German', reply: 'Guten Morgen' });
    const translate = defineAgent('Translate {{ text }} into {{ lang }}.', {
      client,
      name: 'translate',
    });
    await expect(translate({ text: 'Good morning', lang: 'German' })).resolves.toBe('Guten Morgen');
    expect(translate.agentName).toBe('translate');
    await expect(translate({ text: 'x' })).rejects.toSatisfy(TemplateError.isInstance);
  });

  it('should stream and accept an abort signal', async () => {
    const story = defineAgent('Tell a long story about {{ topic }}.', { client, stream: true });
    const controller = new AbortController();
    const stream = story({ topic: 'caching' }, { abortSignal: controller.signal });
    controller.abort();
    await expect(stream.text()).rejects.toThrow(/abort/i);
  });
});

describe('@agent with the response cache', () => {
  it('should return the same typed value on a hit as on the miss, and record the agent', async () => {
    class Extractor {
      @agent({ client, schema: Person, name: 'extractor' })
      extract(text: string): Promise<z.infer<typeof Person>> {
        return prompt`Extract the person, cached: {{ text }}`;
      }

      @agent({ client, cache: false })
      fresh(text: string): Promise<string> {
        return prompt`Always fresh: {{ text }}`;
      }
    }
    const extractor = new Extractor();
    const miss = await extractor.extract('Grace, 85');
    const hit = await extractor.extract('Grace, 85');
    expect(hit).toEqual(miss);
    expect(Person.safeParse(hit).success).toBe(true);
    await extractor.fresh('x');
    await extractor.fresh('x');
    expect(simulator.requests).toHaveLength(3);
    expect(await client.cache!.invalidate({ agent: 'extractor' })).toBe(1);
    await extractor.extract('Grace, 85');
    expect(simulator.requests).toHaveLength(4);
  });
});
