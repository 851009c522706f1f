import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { isKaguraSimulator } from './is-kagura-simulator.js';

describe('isKaguraSimulator', () => {
  it('should recognise the simulator by its header', async () => {
    const simulator = await startSimulator({ latency: 'none' });
    try {
      expect(await isKaguraSimulator({ baseURL: simulator.openaiBaseURL })).toBe(true);
      expect(await isKaguraSimulator({ baseURL: `${simulator.openaiBaseURL}/` })).toBe(true);
      expect(simulator.requests.map((request) => request.path)).toEqual([
        '/v1/models',
        '/v1/models',
      ]);
    } finally {
      await simulator.close();
    }
  });

  it('should say false for another server, or none', async () => {
    const server = createServer((_request, response) => response.end('{"data":[]}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await isKaguraSimulator({ baseURL: `http://127.0.0.1:${port}/v1` })).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isKaguraSimulator({ baseURL: `http://127.0.0.1:${port}/v1` })).toBe(false);
    expect(await isKaguraSimulator({ baseURL: 'not a url' })).toBe(false);
  });
});
