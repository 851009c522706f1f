import type { InferSchema, LLMStream, Schema } from '@kagura-ts/core';
import type { AgentDecorator } from './agent-decorator.js';
import type { AgentDecoratorOptions } from './agent-decorator-options.js';
import { recordAgent } from './agent-metadata.js';
import { createArgumentBinder } from './bind-arguments.js';
import { checkRenamedParameters } from './check-renamed-parameters.js';
import { readMethodDecoratorCall } from './method-decorator-call.js';
import { parseParameters } from './parse-parameters.js';
import { PromptTemplate } from './prompt.js';
import { runAgent } from './run-agent.js';
import { TemplateError } from './template-error.js';

/** What an agent method returns for these options: its declared return type must be this. */
type AgentReturn<S extends Schema | undefined, STREAM extends boolean> = STREAM extends true
  ? LLMStream<S extends Schema ? InferSchema<S> : undefined>
  : Promise<S extends Schema ? InferSchema<S> : string>;

const asyncBody =
  'Its body must only build the prompt (`return prompt`...``): @agent makes the call and ' +
  'returns the promise itself. Remove `async` and keep the declared return type ' +
  '(`Promise<string>`); await anything the prompt needs before calling the agent, or give ' +
  'the agent a tool.';

/**
 * Turns a method into an LLM agent. The method body returns its prompt as a Nunjucks template
 * (`return prompt\`...\``); arguments fill the template by parameter name (or by the names in
 * `parameters`), `self` is the instance. The decorated method returns the reply's text, the
 * validated object when a `schema` is given, or an `LLMStream` with `stream: true`.
 *
 * Works with standard decorators (TypeScript 5+, esbuild, tsx) and with
 * `experimentalDecorators`. The method's declared return type is checked against the options
 * in both modes, and it must be declared: without an annotation TypeScript infers `never`.
 *
 * @example
 * ```ts
 * class Assistant {
 *   @agent({ model: 'openai:gpt-4o-mini', temperature: 0 })
 *   translate(text: string, lang = 'French'): Promise<string> {
 *     return prompt`Translate {{ text }} into {{ lang }}. Reply with the translation only.`;
 *   }
 *
 *   @agent({ stream: true })
 *   research(topic: string): LLMStream {
 *     return prompt`Write a short brief on {{ topic }}.`;
 *   }
 * }
 * ```
 */
export function agent<
  S extends Schema | undefined = undefined,
  STREAM extends boolean = false,
  const PARAMETERS extends readonly string[] = readonly string[],
>(
  options?: AgentDecoratorOptions<S, STREAM, PARAMETERS>,
): AgentDecorator<AgentReturn<S, STREAM>, PARAMETERS>;
export function agent(options: AgentDecoratorOptions = {}, ...extra: unknown[]): unknown {
  if (typeof options === 'function' || extra.length > 0) {
    throw new TypeError(
      '@agent must be called to make a decorator: write @agent() or @agent({ ... }) above the ' +
        'method, with the parentheses.',
    );
  }
  return (...args: unknown[]) => {
    const call = readMethodDecoratorCall('@agent', args);
    const { method, key } = call;
    if (isAsyncFunction(method)) {
      throw new TemplateError({
        template: '',
        message: `${call.label()} is an async method, but an @agent method must not be. ${asyncBody}`,
      });
    }
    const bind = createArgumentBinder({
      method,
      label: call.label,
      variables: options.parameters,
    });
    const parameters = parseParameters(method);
    const source = Function.prototype.toString.call(method);
    const resolved: AgentDecoratorOptions = { ...options, name: options.name ?? String(key) };
    // `parameters` is the decorator's own option, not a call setting.
    const { parameters: _parameters, ...runOptions } = resolved;
    // `config.system` is text, not a template, so only the agent's own `system` reads variables.
    const system = options.config?.system === undefined ? options.system : undefined;
    const invoke = (self: unknown, args: unknown[]) => {
      const label = call.label(self);
      const template = expectPromptTemplate(method.apply(self, args), label);
      const variables = { self, ...bind(self, args) };
      // When the template misses variables (before any request): did a minifier rename them?
      const explainMissing =
        options.parameters === undefined
          ? () => checkRenamedParameters({ template, system, variables, parameters, source, label })
          : undefined;
      return runAgent({ options: runOptions, template, variables, label, explainMissing });
    };
    const decorated = function (this: unknown, ...args: unknown[]) {
      if (resolved.stream) return invoke(this, args);
      // A plain agent always answers with a promise, so its errors are rejections too.
      try {
        return invoke(this, args);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    Object.defineProperty(decorated, 'name', { value: method.name });
    recordAgent(decorated, {
      name: resolved.name!,
      description: options.description,
      propertyKey: key,
      options: resolved,
    });
    return call.finish(decorated);
  };
}

function isAsyncFunction(method: unknown): boolean {
  const tag = Object.prototype.toString.call(method);
  return tag === '[object AsyncFunction]' || tag === '[object AsyncGeneratorFunction]';
}

// A plain string is refused rather than rendered: it would parse any user text inside it as
// template syntax. The prompt tag keeps `${...}` values out of the template.
function expectPromptTemplate(value: unknown, label: string): PromptTemplate {
  if (PromptTemplate.isInstance(value)) return value;
  if (isThenable(value)) {
    // The body's own failure would otherwise surface as an unhandled rejection.
    value.then(undefined, () => {});
    throw new TemplateError({
      template: '',
      message:
        `${label} returned a Promise instead of its prompt: the method is async, or returns a ` +
        `promise. ${asyncBody}`,
    });
  }
  const kind =
    value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  throw new TemplateError({
    template: typeof value === 'string' ? value : '',
    message:
      `${label} must return its prompt with the prompt tag, but it returned ${kind}. ` +
      'Wrap the template in the prompt tag; values interpolated into it are inserted as text.',
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
