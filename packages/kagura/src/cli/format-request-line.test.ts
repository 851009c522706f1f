import type { RecordedRequest } from '@kagura-ts/testing';
import { describe, expect, it } from 'vitest';
import { formatRequestLine } from './format-request-line.js';

function recorded(fields: Partial<RecordedRequest>): RecordedRequest {
  return {
    id: 1,
    api: 'openai',
    method: 'POST',
    path: '/v1/chat/completions',
    headers: {},
    body: { model: 'qwen3:8b' },
    stream: false,
    status: 200,
    startedAt: Date.parse('2026-05-01T09:30:00.120Z'),
    endedAt: Date.parse('2026-05-01T09:30:00.532Z'),
    completed: true,
    disconnected: false,
    ...fields,
  };
}

describe('formatRequestLine', () => {
  it('should give time, method, path, model, status and duration', () => {
    expect(formatRequestLine(recorded({}))).toBe(
      '2026-05-01T09:30:00.120Z POST /v1/chat/completions qwen3:8b 200 412 ms',
    );
  });

  it('should mark streams, faults and clients that left, and dash what is unknown', () => {
    expect(
      formatRequestLine(
        recorded({ stream: true, fault: 'drop', disconnected: true, status: 0, body: undefined }),
      ),
    ).toBe(
      '2026-05-01T09:30:00.120Z POST /v1/chat/completions - - 412 ms stream fault=drop client-disconnected',
    );
  });
});
