const marker = Symbol.for('kagura.prompt-template');

/** A Nunjucks prompt template, as written in an agent method's body with {@link prompt}. */
export class PromptTemplate {
  protected readonly [marker] = true;

  /**
   * @param source The Nunjucks source.
   * @param values Values of `${...}` interpolations, bound as hidden variables so that user
   *   text is never parsed as template syntax.
   */
  constructor(
    readonly source: string,
    readonly values: Readonly<Record<string, unknown>> = {},
  ) {}

  /** Whether `value` is a {@link PromptTemplate}, from any copy of this package. */
  static isInstance(value: unknown): value is PromptTemplate {
    return typeof value === 'object' && value !== null && marker in value;
  }
}

/**
 * Writes an agent's prompt as a Nunjucks template in the method body: the docstring of a
 * Kagura agent. Parameters are template variables by name, `self` is the instance.
 * `${value}` interpolations are inserted as values, never parsed as template syntax.
 *
 * Its type is `never` so that `return prompt\`...\`` type-checks against the method's declared
 * return type (`Promise<string>`, `Promise<T>`, `LLMStream`): the `@agent` decorator replaces
 * the method, and the template is all the body contributes.
 *
 * @example
 * ```ts
 * class Assistant {
 *   @agent({ model: 'openai:gpt-4o-mini' })
 *   translate(text: string, lang = 'French'): Promise<string> {
 *     return prompt`Translate {{ text }} into {{ lang }}. Reply with the translation only.`;
 *   }
 * }
 * ```
 */
export function prompt(strings: TemplateStringsArray, ...values: unknown[]): never {
  let source = strings[0] ?? '';
  const bound: Record<string, unknown> = {};
  values.forEach((value, index) => {
    const name = `__kagura_value_${index}`;
    bound[name] = value;
    source += `{{ ${name} }}${strings[index + 1] ?? ''}`;
  });
  return new PromptTemplate(source, bound) as never;
}
