import { describe, expect, it } from 'vitest';
import { readMethodDecoratorCall } from './method-decorator-call.js';

class Assistant {
  ask(question: string) {
    return question;
  }
}

// What TypeScript and esbuild pass to a standard method decorator.
function methodContext(name: string | symbol, options: { static?: boolean; private?: boolean }) {
  return {
    kind: 'method',
    name,
    static: options.static ?? false,
    private: options.private ?? false,
    access: { has: () => true, get: () => undefined },
    addInitializer: () => {},
    metadata: undefined,
  };
}

describe('readMethodDecoratorCall', () => {
  it('should read the standard form, and name the class at call time', () => {
    const method = Assistant.prototype.ask;
    const call = readMethodDecoratorCall('@agent', [method, methodContext('ask', {})]);
    expect(call).toMatchObject({ method, key: 'ask', isStatic: false, isPrivate: false });
    const replacement = () => 'replaced';
    expect(call.finish(replacement)).toBe(replacement);
    expect(call.label()).toBe('ask');
    Object.defineProperty(Assistant.prototype, 'ask', { value: replacement, configurable: true });
    class Child extends Assistant {}
    // The class that declares the method, not the instance's subclass.
    expect(call.label(new Child())).toBe('Assistant.ask');
    Object.defineProperty(Assistant.prototype, 'ask', { value: method, configurable: true });
  });

  it('should read static and private methods in the standard form', () => {
    const call = readMethodDecoratorCall('@agent', [
      () => 1,
      methodContext('#secret', { private: true, static: true }),
    ]);
    expect(call).toMatchObject({ key: '#secret', isStatic: true, isPrivate: true });
    expect(call.label(new Assistant())).toBe('Assistant.#secret');
  });

  it('should read the legacy form and replace the descriptor value', () => {
    const descriptor = Object.getOwnPropertyDescriptor(Assistant.prototype, 'ask')!;
    const call = readMethodDecoratorCall('@agent', [Assistant.prototype, 'ask', descriptor]);
    expect(call).toMatchObject({ key: 'ask', isStatic: false, isPrivate: false });
    expect(call.label()).toBe('Assistant.ask');
    const replacement = () => 'replaced';
    expect(call.finish(replacement)).toBeUndefined();
    expect(descriptor.value).toBe(replacement);
    const onClass = readMethodDecoratorCall('@tool', [Assistant, 'create', { value: () => 1 }]);
    expect(onClass).toMatchObject({ isStatic: true });
    expect(onClass.label()).toBe('Assistant.create');
  });

  it.each([
    ['field', 'tone is a field.'],
    ['getter', 'tone is a getter.'],
    ['setter', 'tone is a setter.'],
    ['accessor', 'tone is an accessor.'],
  ])('should refuse a standard %s, naming the decorator and the member', (kind, expected) => {
    const context = { ...methodContext('tone', {}), kind };
    const error = catchError(() => readMethodDecoratorCall('@agent', [undefined, context]));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('@agent can only decorate a method, but ');
    expect(error.message).toContain(expected);
    expect(error.message).toContain('Move @agent to a method of the class');
  });

  it('should refuse a standard class decorator', () => {
    const context = { kind: 'class', name: 'Assistant', addInitializer: () => {} };
    expect(() => readMethodDecoratorCall('@tool', [Assistant, context])).toThrow(
      '@tool can only decorate a method, but Assistant is a class.',
    );
  });

  it('should refuse legacy fields, getters, parameters and classes', () => {
    const read =
      (...args: unknown[]) =>
      () =>
        readMethodDecoratorCall('@agent', args);
    const getter = { get: () => 'formal', configurable: true };
    expect(read(Assistant.prototype, 'tone', undefined)).toThrow(
      '@agent can only decorate a method, but Assistant.tone is a field.',
    );
    expect(read(Assistant.prototype, 'tone')).toThrow('Assistant.tone is a field.');
    expect(read(Assistant.prototype, 'tone', getter)).toThrow('Assistant.tone is a getter.');
    expect(read(Assistant.prototype, 'ask', 0)).toThrow('Assistant.ask is a parameter.');
    expect(read(Assistant)).toThrow('Assistant is a class.');
    expect(read()).toThrow(/called with 0 arguments that are neither/);
  });
});

function catchError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
