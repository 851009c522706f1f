import 'reflect-metadata';
import type { AgentOptions } from './agent-options.js';

const metadataKey = Symbol.for('kagura.agents');

/** What `@agent` records about a decorated method, for routers and tools to find it. */
export interface AgentDescriptor {
  /** The agent's name (the method name unless `options.name` is set). */
  name: string;
  /** What the agent does. */
  description: string | undefined;
  /** The decorated method's property key. */
  propertyKey: string | symbol;
  /** The options given to `@agent`. */
  options: AgentOptions;
}

/** Records an agent on a class prototype. */
export function recordAgent(prototype: object, descriptor: AgentDescriptor): void {
  const own: AgentDescriptor[] = Reflect.getOwnMetadata(metadataKey, prototype) ?? [];
  Reflect.defineMetadata(metadataKey, [...own, descriptor], prototype);
}

/**
 * The agents declared with `@agent` on a class or instance, inherited ones included (a
 * subclass's method overrides its parent's of the same name).
 *
 * @example
 * ```ts
 * getAgents(Assistant).map((agent) => agent.name); // ['translate', 'research']
 * ```
 */
export function getAgents(classOrInstance: object): AgentDescriptor[] {
  let prototype: object | null =
    typeof classOrInstance === 'function'
      ? (classOrInstance as { prototype: object }).prototype
      : Object.getPrototypeOf(classOrInstance);
  const byKey = new Map<string | symbol, AgentDescriptor>();
  while (prototype !== null && prototype !== Object.prototype) {
    const own: AgentDescriptor[] = Reflect.getOwnMetadata(metadataKey, prototype) ?? [];
    for (const descriptor of own) {
      if (!byKey.has(descriptor.propertyKey)) byKey.set(descriptor.propertyKey, descriptor);
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return [...byKey.values()];
}
