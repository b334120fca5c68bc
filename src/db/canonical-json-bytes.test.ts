import { describe, expect, it } from 'vitest';
import { canonicalJson, PlainJsonString } from '../domain/canonical-json.js';
import { canonicalJsonBytes } from './canonical-json-bytes.js';

describe('canonicalJsonBytes', () => {
  it('gives the UTF-8 bytes of the canonical text, plain strings and non-ASCII text alike', () => {
    const value = {
      units: [{ name: 'Ясненский', code: 'u1' }],
      raw: { I2: new PlainJsonString('AAAAAAAA8D8='), I1: new PlainJsonString('') },
      note: 'знак \u0001 в тексте',
      list: [new PlainJsonString('QUJD'), 'ж'],
    };
    const text =
      '{"list":["QUJD","ж"],"note":"знак \\u0001 в тексте",' +
      '"raw":{"I1":"","I2":"AAAAAAAA8D8="},"units":[{"code":"u1","name":"Ясненский"}]}';
    expect(canonicalJson(value)).toBe(text);
    const bytes = canonicalJsonBytes(value);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.length).toBe(Buffer.byteLength(text));
    expect(canonicalJsonBytes({ b: [1, 2], a: 'x' }).toString()).toBe('{"a":"x","b":[1,2]}');
  });
});
