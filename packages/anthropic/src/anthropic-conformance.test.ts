import { describeProviderConformance } from '@kagura-ts/testing/vitest';
import { createAnthropic } from './anthropic-provider.js';

describeProviderConformance({
  name: 'anthropic',
  modelId: 'claude-haiku-4-5',
  createProvider: (simulator) =>
    createAnthropic({ baseURL: simulator.anthropicBaseURL, apiKey: 'sk-ant-test' }),
});
