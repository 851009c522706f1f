import { describe, expect, it } from 'vitest';
import type { WireFormat } from '../wire/wire-format.js';
import { resolveRoute } from './resolve-route.js';

function fakeFormat(
  api: string,
  generation: string,
  options: { models?: string; claims?: (headers: Record<string, unknown>) => boolean } = {},
): WireFormat {
  return {
    api,
    routes: { generation, ...(options.models !== undefined && { models: options.models }) },
    defaultModels: [],
    ...(options.claims !== undefined && { claims: options.claims }),
    parseRequest: () => 'unused',
    buildJsonReply: () => ({ kind: 'json', headers: {}, steps: [], completionTokens: 0 }),
    buildStreamReply: () => ({ kind: 'stream', headers: {}, steps: [], completionTokens: 0 }),
    errorBody: () => '{}',
    idHeaders: () => ({}),
    modelList: () => ({}),
    modelEntry: () => ({}),
  };
}

const first = fakeFormat('first', '/v1/first', { models: '/v1/models' });
const second = fakeFormat('second', '/v1/second', {
  models: '/v1/models',
  claims: (headers) => headers['second-version'] !== undefined,
});
const third = fakeFormat('third', '/v2/generate', { models: '/v2/models' });
const formats = [first, second, third];

describe('resolveRoute', () => {
  it('should send a POST to the format whose generation path it is, whatever its headers', () => {
    expect(resolveRoute(formats, 'POST', '/v1/second', {})).toEqual({
      kind: 'generation',
      format: second,
    });
    expect(resolveRoute(formats, 'POST', '/v2/generate', { 'second-version': '1' })).toEqual({
      kind: 'generation',
      format: third,
    });
  });

  it('should not answer a GET on a generation path', () => {
    expect(resolveRoute(formats, 'GET', '/v1/first', {})).toEqual({
      kind: 'unknown',
      format: first,
    });
  });

  it('should give a shared model listing to the format that claims the headers, else the first', () => {
    expect(resolveRoute(formats, 'GET', '/v1/models', {})).toEqual({
      kind: 'models',
      format: first,
      modelId: undefined,
    });
    expect(resolveRoute(formats, 'GET', '/v1/models', { 'second-version': '1' })).toEqual({
      kind: 'models',
      format: second,
      modelId: undefined,
    });
    expect(resolveRoute(formats, 'GET', '/v2/models', {})).toEqual({
      kind: 'models',
      format: third,
      modelId: undefined,
    });
  });

  it('should read a model id from the path, decoded, and keep a malformed escape raw', () => {
    expect(resolveRoute(formats, 'GET', '/v1/models/a%2Fb', {})).toMatchObject({ modelId: 'a/b' });
    expect(resolveRoute(formats, 'GET', '/v1/models/bad%2', {})).toMatchObject({
      modelId: 'bad%2',
    });
    expect(resolveRoute(formats, 'GET', '/v1/models-old', {})).toMatchObject({ kind: 'unknown' });
  });

  it('should give an unknown route to the format that claims the headers, else the first', () => {
    expect(resolveRoute(formats, 'DELETE', '/v1/first', {})).toEqual({
      kind: 'unknown',
      format: first,
    });
    expect(resolveRoute(formats, 'GET', '/nowhere', { 'second-version': '1' })).toEqual({
      kind: 'unknown',
      format: second,
    });
  });
});
