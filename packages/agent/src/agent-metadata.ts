import type { AgentOptions } from './agent-options.js';
import { createMethodRegistry } from './method-registry.js';

const registry = createMethodRegistry<AgentDescriptor>('kagura.agent-methods');

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

/** Records an agent: `method` is the decorated function that `@agent` puts on the class. */
export function recordAgent(method: object, descriptor: AgentDescriptor): void {
  registry.set(method, descriptor);
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
  const prototype: object | null =
    typeof classOrInstance === 'function'
      ? (classOrInstance as { prototype: object }).prototype
      : Object.getPrototypeOf(classOrInstance);
  const byKey = new Map<string | symbol, AgentDescriptor>();
  for (const descriptor of registry.list(prototype)) {
    if (!byKey.has(descriptor.propertyKey)) byKey.set(descriptor.propertyKey, descriptor);
  }
  return [...byKey.values()];
}
