import { describe, expect, it } from 'vitest';
import { canonicalJson, PlainJsonString } from '../domain/canonical-json.js';
import { canonicalJsonBytes, canonicalJsonBytesHashed } from './canonical-json-bytes.js';
import { contentHash } from './content-hash.js';
import { HASH_IN_THREAD_FROM } from './hashing-thread.js';

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

describe('canonicalJsonBytesHashed', () => {
  it('gives the same bytes with their hash, worked out by a thread for a large content', async () => {
    // 3 MB of packed text between non-ASCII keys: the thread hashes it in steps as it is written.
    const long = 'QUJD'.repeat(786_432);
    const value = { ключ: new PlainJsonString(long), a: [new PlainJsonString(long), 'я'] };
    const text = `{"a":["${long}","я"],"ключ":"${long}"}`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(HASH_IN_THREAD_FROM);
    const { bytes, hash } = await canonicalJsonBytesHashed(value);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(hash).toBe(contentHash(text));
    // A small content, hashed on this thread.
    const small = await canonicalJsonBytesHashed({ b: 1, a: 'ж' });
    expect(small.bytes.toString()).toBe('{"a":"ж","b":1}');
    expect(small.hash).toBe(contentHash('{"a":"ж","b":1}'));
  });
});
