import { describe, expect, it } from 'vitest';
import { createMethodRegistry } from './method-registry.js';

describe('createMethodRegistry', () => {
  it('should list records along the prototype chain, most derived first, without running getters', () => {
    const registry = createMethodRegistry<string>('kagura.test.registry-chain');
    let getterRuns = 0;
    class Base {
      first() {}
      second() {}
    }
    class Child extends Base {
      get expensive() {
        getterRuns += 1;
        return 1;
      }
      third() {}
    }
    registry.set(Base.prototype.first, 'first');
    registry.set(Base.prototype.second, 'second');
    registry.set(Child.prototype.third, 'third');
    expect(registry.list(Child.prototype)).toEqual(['third', 'first', 'second']);
    expect(registry.list(null)).toEqual([]);
    expect(getterRuns).toBe(0);
  });

  it('should share records between registries of the same key, as two copies of the package', () => {
    const one = createMethodRegistry<string>('kagura.test.registry-shared');
    const other = createMethodRegistry<string>('kagura.test.registry-shared');
    class Agents {
      ask() {}
    }
    one.set(Agents.prototype.ask, 'ask');
    expect(other.list(Agents.prototype)).toEqual(['ask']);
    expect(createMethodRegistry('kagura.test.registry-other').list(Agents.prototype)).toEqual([]);
  });
});
