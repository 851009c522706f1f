import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@kagura-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemSetup } from './bench-system.js';
import { createNoCacheBaselines } from './no-cache-baselines.js';
import { closeSystems, createSystems } from './system-catalog.js';

describe('createNoCacheBaselines', () => {
  let simulator: Simulator;
  let directory: string;
  beforeAll(async () => {
    simulator = await startSimulator({ latency: 'none' });
    directory = mkdtempSync(join(tmpdir(), 'kagura-bench-baselines-'));
  });
  afterAll(async () => {
    await simulator.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('should give each caching system a twin of the same library that sends every call upstream', async () => {
    const setup: Omit<SystemSetup, 'store'> = {
      openaiBaseURL: simulator.openaiBaseURL,
      anthropicBaseURL: simulator.anthropicBaseURL,
      directory,
    };
    const systems = await createSystems(['kagura', 'raw-openai', 'vercel-ai', 'langchain'], {
      ...setup,
      store: 'memory',
    });
    const baselines = await createNoCacheBaselines(systems, setup);
    try {
      expect([...baselines.keys()].map((system) => system.name)).toEqual([
        'kagura',
        'vercel-ai',
        'langchain',
      ]);
      for (const [system, twin] of baselines) {
        expect(twin.name).toBe(system.name);
        expect(twin.store).toBe('none');
        const before = simulator.requests.length;
        const prompt = { prompt: `baseline ${twin.name}: the same prompt twice` };
        await twin.call(prompt);
        await twin.call(prompt);
        expect(simulator.requests.length - before).toBe(2);
      }
    } finally {
      await closeSystems([...systems, ...baselines.values()]);
    }
  });
});
