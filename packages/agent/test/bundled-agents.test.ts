import { type Client, createClient, InvalidArgumentError } from '@kagura-ts/core';
import { createOpenAI } from '@kagura-ts/openai';
import { useSimulator } from '@kagura-ts/testing/vitest';
import { transformSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { agent, prompt, TemplateError } from '../src/index.js';

const simulator = useSimulator();
let client: Client;

beforeAll(() => {
  client = createClient({
    providers: { openai: createOpenAI({ baseURL: simulator().openaiBaseURL, apiKey: 'k' }) },
    model: 'openai:gpt-4o-mini',
  });
});

function lastPrompt(): unknown {
  const body = simulator().requests.at(-1)?.body as { messages: Array<{ content: unknown }> };
  return body.messages.at(-1)?.content;
}

// What `esbuild --minify --keep-names` leaves of an agent class: short parameter names, the
// class and method names kept.
type Minified = new () => Record<string, (...args: unknown[]) => Promise<string>>;
const makeMinified = (): Minified =>
  new Function(
    'prompt',
    'return class Assistant{translate(t,r="French"){return prompt`Translate {{ text }} into {{ lang }}.`}' +
      'summarise({title:e,body:t},...n){return prompt`{{ post.title }}: {{ post.body }} [{{ tags | join(", ") }}]`}}',
  )(prompt);

// Decorates by hand, in the legacy form, as the compiled code would.
function decorate(Class: Minified, key: string, decorator: unknown): void {
  const descriptor = Object.getOwnPropertyDescriptor(Class.prototype, key)!;
  (decorator as (target: object, key: string, descriptor: PropertyDescriptor) => void)(
    Class.prototype,
    key,
    descriptor,
  );
  Object.defineProperty(Class.prototype, key, descriptor);
}

describe('@agent in minified code', () => {
  it('should explain renamed parameters and both fixes, before any request', async () => {
    const Assistant = makeMinified();
    decorate(Assistant, 'translate', agent({ client }));
    const error = await new Assistant().translate!('Hello').catch((caught: unknown) => caught);
    expect(TemplateError.isInstance(error)).toBe(true);
    expect((error as TemplateError).missing).toEqual(['text', 'lang']);
    const message = (error as Error).message;
    expect(message).toContain('The parameters of Assistant.translate look renamed by a minifier');
    expect(message).toContain('the method\'s parameter list is now (t,r="French")');
    expect(message).toContain("@agent({ parameters: ['text', 'lang'] })");
    expect(message).toContain('esbuild --minify-whitespace --minify-syntax instead of --minify');
    expect(message).toContain('terser mangle: false');
    expect(simulator().requests).toHaveLength(0);
  });

  it('should bind the names in parameters by position, defaults applied', async () => {
    const Assistant = makeMinified();
    decorate(Assistant, 'translate', agent({ client, parameters: ['text', 'lang'] }));
    const assistant = new Assistant();
    await assistant.translate!('Hello');
    expect(lastPrompt()).toBe('Translate Hello into French.');
    await assistant.translate!('Hello', 'German');
    expect(lastPrompt()).toBe('Translate Hello into German.');
  });

  it('should give a destructured parameter the whole argument and a rest one the array', async () => {
    const Assistant = makeMinified();
    decorate(Assistant, 'summarise', agent({ client, parameters: ['post', 'tags'] }));
    await new Assistant().summarise!({ title: 'Caching', body: 'It is fast.' }, 'perf', 'llm');
    expect(lastPrompt()).toBe('Caching: It is fast. [perf, llm]');
  });

  it('should refuse, when the class is defined, a parameters list of the wrong length', () => {
    const Assistant = makeMinified();
    const define = () => decorate(Assistant, 'translate', agent({ client, parameters: ['text'] }));
    expect(define).toThrow(InvalidArgumentError);
    expect(define).toThrow(
      'Invalid parameters of @agent Assistant.translate: it names 1 parameter (text), but the method has 2: (t,r="French").',
    );
  });
});

describe('@agent bundled by esbuild --minify', () => {
  const source = `
    export class Assistant {
      @agent({ client })
      translate(text: string, lang = 'French'): Promise<string> {
        return prompt\`Translate {{ text }} into {{ lang }}.\`;
      }

      @agent({ client, parameters: ['text', 'lang'] })
      named(text: string, lang = 'French'): Promise<string> {
        return prompt\`Translate {{ text }} into {{ lang }}.\`;
      }
    }
  `;

  // `agent`, `prompt` and `client` are free variables of the snippet, so they keep their names.
  function bundle(experimentalDecorators: boolean): Minified {
    const { code } = transformSync(source, {
      loader: 'ts',
      format: 'iife',
      globalName: 'bundle',
      target: 'es2022',
      minify: true,
      keepNames: true,
      tsconfigRaw: { compilerOptions: { experimentalDecorators } },
    });
    return new Function('agent', 'prompt', 'client', `${code}\nreturn bundle;`)(
      agent,
      prompt,
      client,
    ).Assistant;
  }

  it.each([
    ['standard', false],
    ['legacy', true],
  ])(
    'should explain the renamed parameters, and work with parameters (%s decorators)',
    async (mode, experimentalDecorators) => {
      const Assistant = bundle(experimentalDecorators);
      const assistant = new Assistant();
      await expect(assistant.translate!('Hello')).rejects.toThrow(
        /^The parameters of Assistant\.translate look renamed by a minifier: the prompt template uses 'text', 'lang', which were not given, and the method's parameter list is now \(\w+,\w+="French"\)\./,
      );
      expect(simulator().requests).toHaveLength(0);
      // A text of its own: the client's response cache would answer a repeated prompt.
      await assistant.named!(`Hello from ${mode}`, 'German');
      expect(lastPrompt()).toBe(`Translate Hello from ${mode} into German.`);
    },
  );
});
