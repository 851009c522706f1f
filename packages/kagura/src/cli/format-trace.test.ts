import { describe, expect, it } from 'vitest';
import { formatDuration, formatTrace, type TraceSpan } from './format-trace.js';

let lastId = 0;

function span(
  name: string,
  startMs: number,
  endMs: number,
  options: { parent?: TraceSpan; traceId?: string; attributes?: Record<string, unknown> } = {},
): TraceSpan {
  lastId += 1;
  return {
    name,
    traceId: options.parent?.traceId ?? options.traceId ?? 't1',
    spanId: `s${lastId}`,
    parentSpanId: options.parent?.spanId,
    startMs,
    endMs,
    attributes: options.attributes ?? {},
  };
}

function call(
  status: string,
  input: number,
  output: number,
  usd: number,
  savedUsd = 0,
): Record<string, unknown> {
  return {
    'kagura.cache.status': status,
    'gen_ai.usage.input_tokens': input,
    'gen_ai.usage.output_tokens': output,
    'kagura.cost.usd': usd,
    'kagura.cost.saved_usd': savedUsd,
  };
}

describe('formatTrace', () => {
  it('should draw children under their parent by start time, with aligned columns', () => {
    const workflow = span('invoke_workflow research', 1000, 1412);
    const gather = span('workflow_step gather', 1001, 1241, { parent: workflow });
    // Listed out of order: the tree sorts by start time.
    const second = span('invoke_agent summarize', 1003, 1005, { parent: gather });
    const first = span('invoke_agent summarize', 1002, 1240, { parent: gather });
    const spans = [
      span('chat gpt-4o-mini', 1003.2, 1004.2, {
        parent: second,
        attributes: call('coalesced', 52, 120, 0, 0.00008),
      }),
      second,
      workflow,
      span('chat gpt-4o-mini', 1003, 1239, {
        parent: first,
        attributes: { ...call('miss', 52, 120, 0.00008), 'kagura.retry.count': 2 },
      }),
      first,
      gather,
      span('workflow_step write', 1242, 1410, { parent: workflow }),
    ];
    expect(formatTrace(spans)).toEqual([
      'Trace (7 spans, 1 trace):',
      'invoke_workflow research                                                         412 ms',
      '├─ workflow_step gather                                                          240 ms',
      '│  ├─ invoke_agent summarize                                                     238 ms',
      '│  │  └─ chat gpt-4o-mini  miss       in 52 out 120  $0.000080        2 retries  236 ms',
      '│  └─ invoke_agent summarize                                                     2.0 ms',
      '│     └─ chat gpt-4o-mini  coalesced  in 52 out 120  saved $0.000080             1.0 ms',
      '└─ workflow_step write                                                           168 ms',
      'Cache: 1 coalesced, 1 miss; 172 tokens and $0.000080 saved.',
    ]);
  });

  it('should show each root, a span whose parent was not recorded among them', () => {
    const lost = { ...span('invoke_agent late', 50, 60), parentSpanId: 'elsewhere' };
    const lines = formatTrace([
      lost,
      span('invoke_agent early', 10, 20, { traceId: 't2' }),
      span('chat gpt-4o-mini', 30, 31, { traceId: 't3', attributes: call('hit', 5, 5, 0, 1e-6) }),
    ]);
    expect(lines[0]).toBe('Trace (3 spans, 3 traces):');
    expect(lines.slice(1, 4).map((line) => line.split('  ')[0])).toEqual([
      'invoke_agent early',
      'chat gpt-4o-mini',
      'invoke_agent late',
    ]);
    expect(lines.at(-1)).toBe('Cache: 1 hit; 10 tokens and $0.000001 saved.');
  });

  it('should name a failed span’s error, and count every cache status in order', () => {
    const lines = formatTrace([
      span('execute_tool lookup', 0, 5, { attributes: { 'error.type': 'TypeError' } }),
      span('chat m', 5, 9, { attributes: { 'kagura.cache.status': 'refresh' } }),
      span('chat m', 9, 12, { attributes: { 'kagura.cache.status': 'bypass' } }),
      span('chat m', 12, 14, { attributes: { ...call('miss', 1000, 500, 0.01) } }),
    ]);
    expect(lines[1]).toMatch(/^execute_tool lookup\s+error TypeError\s+5\.0 ms$/);
    expect(lines[2]).toMatch(/^chat m\s+refresh\s+4\.0 ms$/);
    expect(lines[4]).toContain('in 1,000 out 500  $0.010000');
    expect(lines.at(-1)).toBe('Cache: 1 miss, 1 bypass, 1 refresh.');
  });

  it("should show a router's decision", () => {
    const route = span('route router', 0, 3, {
      attributes: { 'kagura.route.agent': 'trip-desk', 'kagura.route.strategy': 'keyword' },
    });
    expect(formatTrace([route])[1]).toBe('route router -> trip-desk (keyword)  3.0 ms');
  });

  it('should say so when there were no model calls', () => {
    expect(formatTrace([])).toEqual(['Trace (0 spans, 0 traces):', 'Cache: no model calls.']);
  });
});

describe('formatDuration', () => {
  it('should keep about three significant digits', () => {
    expect([0.123, 4.56, 236.4, 1240].map(formatDuration)).toEqual([
      '0.12 ms',
      '4.6 ms',
      '236 ms',
      '1.24 s',
    ]);
  });
});
