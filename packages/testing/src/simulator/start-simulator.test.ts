import { Agent, request as httpRequest } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from './recorded-request.js';
import { startSimulator } from './start-simulator.js';

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _event of stream) {
    // read to the end
  }
}

const OPENAI_REQUEST = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'Hi' }],
};
const ANTHROPIC_REQUEST = {
  model: 'claude-haiku-4-5',
  max_tokens: 256,
  messages: [{ role: 'user' as const, content: 'Hi' }],
};

function clients(sim: { openaiBaseURL: string; anthropicBaseURL: string }) {
  return {
    openai: new OpenAI({ baseURL: sim.openaiBaseURL, apiKey: 'test', maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: sim.anthropicBaseURL, apiKey: 'test', maxRetries: 0 }),
  };
}

describe('startSimulator', () => {
  it('should listen on a free loopback port and expose the SDK base URLs', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      expect(sim.port).toBeGreaterThan(0);
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`);
      expect(sim.openaiBaseURL).toBe(`${sim.url}/v1`);
      expect(sim.anthropicBaseURL).toBe(sim.url);
    } finally {
      await sim.close();
    }
  });

  it('should record each request with its body, status and outcome', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      const { openai } = clients(sim);
      await openai.chat.completions.create({ ...OPENAI_REQUEST, temperature: 0 });
      expect(sim.requests).toHaveLength(1);
      const [recorded] = sim.requests;
      expect(recorded).toMatchObject({
        id: 1,
        api: 'openai',
        method: 'POST',
        path: '/v1/chat/completions',
        body: { ...OPENAI_REQUEST, temperature: 0 },
        stream: false,
        status: 200,
        completed: true,
        disconnected: false,
      });
      expect(recorded?.headers.authorization).toBe('Bearer test');
      const models = await fetch(`${sim.url}/v1/models`);
      expect(models.headers.get('x-kagura-simulator')).toBe('1');
      expect(recorded?.endedAt).toBeGreaterThanOrEqual(recorded?.startedAt ?? Number.NaN);
      expect(recorded?.fault).toBeUndefined();
    } finally {
      await sim.close();
    }
  });

  it('should pace replies by the latency profile', async () => {
    const sim = await startSimulator({
      latency: { timeToFirstTokenMs: 50, tokensPerSecond: 1000 },
    });
    try {
      const { openai, anthropic } = clients(sim);
      let started = performance.now();
      await openai.chat.completions.create(OPENAI_REQUEST);
      // 50 ms to the first token plus 24 tokens at 1 ms each.
      expect(performance.now() - started).toBeGreaterThanOrEqual(65);

      started = performance.now();
      let firstTokenMs: number | undefined;
      await anthropic.messages
        .stream(ANTHROPIC_REQUEST)
        .on('text', () => {
          firstTokenMs ??= performance.now() - started;
        })
        .finalMessage();
      expect(firstTokenMs).toBeGreaterThanOrEqual(45);
    } finally {
      await sim.close();
    }
  });

  it('should draw jittered latency from a range and follow setLatency', async () => {
    const sim = await startSimulator({ latency: 'none', seed: 3 });
    try {
      const { openai } = clients(sim);
      sim.setLatency({ timeToFirstTokenMs: [40, 60], tokensPerSecond: [2000, 4000] });
      const started = performance.now();
      await openai.chat.completions.create(OPENAI_REQUEST);
      expect(performance.now() - started).toBeGreaterThanOrEqual(35);
      sim.setLatency('none');
      await expect(openai.chat.completions.create(OPENAI_REQUEST)).resolves.toBeDefined();
    } finally {
      await sim.close();
    }
  });

  it('should record a disconnect when the client aborts a stream', async () => {
    const sim = await startSimulator({ latency: { timeToFirstTokenMs: 0, tokensPerSecond: 20 } });
    try {
      const { openai } = clients(sim);
      const controller = new AbortController();
      const stream = await openai.chat.completions.create(
        { ...OPENAI_REQUEST, stream: true },
        { signal: controller.signal },
      );
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) controller.abort();
      }
      await sim.waitFor((requests) => requests.some((request) => request.disconnected));
      expect(sim.disconnects).toBe(1);
      expect(sim.requests[0]).toMatchObject({ disconnected: true, completed: false, status: 200 });
    } finally {
      await sim.close();
    }
  });

  it('should record a disconnect when the client gives up waiting for a JSON reply', async () => {
    const sim = await startSimulator({
      latency: { timeToFirstTokenMs: 10_000, tokensPerSecond: 60 },
    });
    try {
      const { anthropic } = clients(sim);
      const controller = new AbortController();
      const pending = anthropic.messages.create(ANTHROPIC_REQUEST, { signal: controller.signal });
      await sim.waitFor((requests) => requests[0]?.body !== undefined);
      controller.abort();
      await expect(pending).rejects.toBeInstanceOf(Anthropic.APIUserAbortError);
      await sim.waitFor((requests) => requests[0]?.disconnected === true);
      expect(sim.requests[0]?.status).toBe(0);
    } finally {
      await sim.close();
    }
  });

  it('should reject waitFor when the condition stays false', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      await expect(sim.waitFor((requests) => requests.length > 0, 20)).rejects.toThrow(
        /after 20 ms/,
      );
    } finally {
      await sim.close();
    }
  });

  it('should reset requests, faults and runtime rules but keep the rules from options', async () => {
    const sim = await startSimulator({
      latency: 'none',
      rules: [{ match: 'Hi', reply: 'from options', times: 1 }],
    });
    try {
      const { openai } = clients(sim);
      const text = async () =>
        (await openai.chat.completions.create(OPENAI_REQUEST)).choices[0]?.message.content;
      expect(await text()).toBe('from options');
      sim.addRule({ match: 'Hi', reply: 'runtime' });
      expect(await text()).toBe('runtime');
      sim.injectFault({ type: 'status', status: 500 });
      const requests = sim.requests;
      sim.reset();
      expect(requests).toHaveLength(0);
      expect(sim.requests).toBe(requests);
      expect(await text()).toBe('from options');
      expect(await text()).not.toBe('runtime');
    } finally {
      await sim.close();
    }
  });

  it('should arm faults from options', async () => {
    const sim = await startSimulator({
      latency: 'none',
      faults: [{ type: 'status', status: 503 }],
    });
    try {
      const { openai } = clients(sim);
      await expect(openai.chat.completions.create(OPENAI_REQUEST)).rejects.toMatchObject({
        status: 503,
      });
      await expect(openai.chat.completions.create(OPENAI_REQUEST)).resolves.toBeDefined();
    } finally {
      await sim.close();
    }
  });

  it('should not keep requests when recordRequests is false', async () => {
    const sim = await startSimulator({ latency: 'none', recordRequests: false });
    try {
      await clients(sim).openai.chat.completions.create(OPENAI_REQUEST);
      expect(sim.requests).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  it('should report each request to onRequestEnd once its exchange ends', async () => {
    const ended: RecordedRequest[] = [];
    let allEnded: () => void = () => {};
    const three = new Promise<void>((resolve) => {
      allEnded = resolve;
    });
    const sim = await startSimulator({
      latency: 'none',
      recordRequests: false,
      onRequestEnd: (request) => {
        ended.push(request);
        if (ended.length === 3) allEnded();
      },
    });
    try {
      const { openai, anthropic } = clients(sim);
      await openai.chat.completions.create(OPENAI_REQUEST);
      await anthropic.messages.create({ ...ANTHROPIC_REQUEST, stream: true }).then(drain);
      await fetch(`${sim.url}/v1/embeddings`, { method: 'POST', body: '{}' });
      await three;
      expect(ended).toMatchObject([
        { method: 'POST', path: '/v1/chat/completions', status: 200, completed: true },
        { path: '/v1/messages', stream: true, status: 200, body: { model: 'claude-haiku-4-5' } },
        { path: '/v1/embeddings', status: 404 },
      ]);
      for (const request of ended) {
        expect(request.endedAt).toBeGreaterThanOrEqual(request.startedAt);
      }
      expect(sim.requests).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  it('should answer an unknown route with a 404 JSON error', async () => {
    const sim = await startSimulator({ latency: 'none' });
    try {
      const response = await fetch(`${sim.url}/v1/embeddings`, { method: 'POST', body: '{}' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { message: expect.stringContaining('/v1/embeddings') },
      });
      expect(sim.requests[0]).toMatchObject({ api: 'unknown', status: 404 });
    } finally {
      await sim.close();
    }
  });

  it('should share one close between repeated close() calls', async () => {
    const sim = await startSimulator({ latency: 'none' });
    const first = sim.close();
    expect(sim.close()).toBe(first);
    await first;
    await expect(fetch(sim.url)).rejects.toThrow();
  });

  it('should close keep-alive connections and in-flight streams on close()', async () => {
    const sim = await startSimulator({ latency: { timeToFirstTokenMs: 0, tokensPerSecond: 5 } });
    const agent = new Agent({ keepAlive: true });
    try {
      const socketClosed = new Promise<void>((resolve, reject) => {
        const request = httpRequest(`${sim.url}/v1/models`, { agent }, (response) => {
          response.resume();
          response.on('end', () => {
            // The idle keep-alive socket stays open until the simulator closes it.
            request.socket?.once('close', () => resolve());
          });
        });
        request.on('error', reject);
        request.end();
      });
      const { openai } = clients(sim);
      const stream = await openai.chat.completions.create({ ...OPENAI_REQUEST, stream: true });
      const consumed = (async () => {
        for await (const _chunk of stream) {
          // drain until the server goes away
        }
      })();
      await sim.waitFor(
        (requests) => requests.length === 2 && requests.every((request) => request.status === 200),
      );
      await sim.close();
      await socketClosed;
      await expect(consumed).rejects.toThrow();
      expect(sim.disconnects).toBe(0);
    } finally {
      agent.destroy();
    }
  });
});
