import { describe, expect, it } from 'vitest';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

describe('mapAnthropicFinishReason', () => {
  it('should map each stop reason', () => {
    expect(mapAnthropicFinishReason('end_turn')).toBe('stop');
    expect(mapAnthropicFinishReason('stop_sequence')).toBe('stop');
    expect(mapAnthropicFinishReason('max_tokens')).toBe('length');
    expect(mapAnthropicFinishReason('tool_use')).toBe('tool-calls');
    expect(mapAnthropicFinishReason('refusal')).toBe('content-filter');
  });

  it("should map other and missing reasons to 'other'", () => {
    expect(mapAnthropicFinishReason('pause_turn')).toBe('other');
    expect(mapAnthropicFinishReason(null)).toBe('other');
  });
});
