import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it('should map each Chat Completions finish reason', () => {
    expect(mapOpenAIFinishReason('stop')).toBe('stop');
    expect(mapOpenAIFinishReason('length')).toBe('length');
    expect(mapOpenAIFinishReason('tool_calls')).toBe('tool-calls');
    expect(mapOpenAIFinishReason('function_call')).toBe('tool-calls');
    expect(mapOpenAIFinishReason('content_filter')).toBe('content-filter');
  });

  it("should map unknown and missing reasons to 'other'", () => {
    expect(mapOpenAIFinishReason('eos')).toBe('other');
    expect(mapOpenAIFinishReason(null)).toBe('other');
    expect(mapOpenAIFinishReason(undefined)).toBe('other');
  });
});
