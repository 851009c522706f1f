import { describe, expect, it } from 'vitest';
import { LoadSDKError } from '../errors/load-sdk-error.js';
import { createSDKLoader } from './create-sdk-loader.js';

// A variable, so that neither TypeScript nor the bundler resolves it: the import really fails.
const missingPackage = 'kagura-test-sdk-that-is-not-installed';

describe('createSDKLoader', () => {
  it('should import once for concurrent first calls, and hand out that module after', async () => {
    let imports = 0;
    const module = { name: 'sdk' };
    const load = createSDKLoader({
      packageName: 'sdk',
      adapterName: '@kagura-ts/sdk',
      importModule: async () => {
        imports += 1;
        return module;
      },
    });
    expect(imports).toBe(0);
    const [first, second] = await Promise.all([load(), load()]);
    expect(await load()).toBe(module);
    expect(first).toBe(module);
    expect(second).toBe(module);
    expect(imports).toBe(1);
  });

  it('should turn a package that is not installed into a LoadSDKError naming it', async () => {
    const load = createSDKLoader({
      packageName: missingPackage,
      adapterName: '@kagura-ts/openai',
      importModule: () => import(missingPackage),
    });
    const error = await load().catch((error: unknown) => error);
    expect(LoadSDKError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'LoadSDKError',
      packageName: missingPackage,
      adapterName: '@kagura-ts/openai',
    });
    expect((error as Error).message).toContain(
      `Could not load the '${missingPackage}' package, which @kagura-ts/openai needs`,
    );
    expect((error as Error).message).toContain(`npm install ${missingPackage}`);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('should try again on the next call after a failed import', async () => {
    let imports = 0;
    const load = createSDKLoader({
      packageName: 'sdk',
      adapterName: '@kagura-ts/sdk',
      importModule: async () => {
        imports += 1;
        if (imports === 1) throw new Error('not yet');
        return { name: 'sdk' };
      },
    });
    await expect(load()).rejects.toThrow('not yet');
    await expect(load()).resolves.toEqual({ name: 'sdk' });
    expect(imports).toBe(2);
  });
});
