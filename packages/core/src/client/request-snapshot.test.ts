import type { ModelRequest } from '@kagura-ts/provider';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../cache/canonical-json.js';
import { RequestSnapshot } from './request-snapshot.js';

describe('RequestSnapshot', () => {
  it('should keep the request as it was, whatever the caller changes later', () => {
    const messages = [{ role: 'user' as const, content: 'Original question' }];
    const request: ModelRequest = { messages, temperature: 0.2, topP: undefined };
    const snapshot = new RequestSnapshot(request);
    messages[0]!.content = 'Mutated question';
    messages.push({ role: 'user', content: 'extra' });
    expect(snapshot.json).toBe(
      canonicalJson({
        messages: [{ role: 'user', content: 'Original question' }],
        temperature: 0.2,
      }),
    );
    expect(snapshot.request()).toEqual({
      messages: [{ role: 'user', content: 'Original question' }],
      temperature: 0.2,
    });
    expect(snapshot.request()).toBe(snapshot.request());
  });

  it('should key a request in canonical order and send it in its own', () => {
    const schema = { type: 'object', properties: { reasoning: {}, answer: {} } };
    const request: ModelRequest = {
      messages: [{ role: 'user', content: 'Question' }],
      responseFormat: { type: 'json', schema },
    };
    const snapshot = new RequestSnapshot(request);
    expect(snapshot.json).toBe(canonicalJson(request));
    expect(snapshot.json.indexOf('"answer"')).toBeLessThan(snapshot.json.indexOf('"reasoning"'));
    schema.properties.reasoning = { changed: true };
    const sent = snapshot.request();
    expect(sent).toEqual({
      messages: [{ role: 'user', content: 'Question' }],
      responseFormat: {
        type: 'json',
        schema: { type: 'object', properties: { reasoning: {}, answer: {} } },
      },
    });
    const sentSchema = sent.responseFormat?.type === 'json' ? sent.responseFormat.schema : {};
    expect(Object.keys(sentSchema!)).toEqual(['type', 'properties']);
    expect(Object.keys(sentSchema!.properties as object)).toEqual(['reasoning', 'answer']);
  });

  it("should copy a request with an image's bytes at once: its JSON has only their hash", () => {
    const data = new Uint8Array([137, 80, 78, 71]);
    const request: ModelRequest = {
      messages: [
        { role: 'user', content: [{ type: 'image', image: data, mediaType: 'image/png' }] },
      ],
    };
    const snapshot = new RequestSnapshot(request);
    data[0] = 0;
    expect(snapshot.json).toContain('$sha256');
    const [message] = snapshot.request().messages;
    expect((message!.content as unknown as Array<{ image: Uint8Array }>)[0]!.image).toEqual(
      new Uint8Array([137, 80, 78, 71]),
    );
  });
});
