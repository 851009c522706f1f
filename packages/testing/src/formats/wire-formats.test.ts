import { describe, expect, expectTypeOf, it } from 'vitest';
import type { RecordedRequest } from '../simulator/recorded-request.js';
import { WIRE_FORMATS, type WireFormatApi } from './wire-formats.js';

describe('WIRE_FORMATS', () => {
  it('should give every format its own api name and generation path', () => {
    const apis = WIRE_FORMATS.map((format) => format.api);
    const paths = WIRE_FORMATS.map((format) => format.routes.generation);
    expect(new Set(apis).size).toBe(apis.length);
    expect(new Set(paths).size).toBe(paths.length);
    // `models` and `unknown` name the shared routes in `RecordedRequest.api`.
    expect(apis).not.toContain('models');
    expect(apis).not.toContain('unknown');
  });

  it('should let the first format answer shared routes without claiming them', () => {
    expect(WIRE_FORMATS[0].claims).toBeUndefined();
  });

  it('should keep the api names literal, so public types list them', () => {
    expectTypeOf<WireFormatApi>().toEqualTypeOf<'openai' | 'anthropic'>();
    expectTypeOf<RecordedRequest['api']>().toEqualTypeOf<
      'openai' | 'anthropic' | 'models' | 'unknown'
    >();
  });
});
