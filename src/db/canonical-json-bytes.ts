import { canonicalJsonParts } from '../domain/canonical-json.js';
import { hashedBuffer } from './hashing-thread.js';

/**
 * `canonicalJson(value)` as its UTF-8 bytes, made without the whole text as one string first.
 * A text holding any non-ASCII character (a unit's name) is stored by V8 with two bytes a
 * character, and encoding eight million of those took 20–26 ms; the plain strings inside
 * (`PlainJsonString`: a snapshot's packed columns, most of its bytes) are copied here one by
 * one, as the one-byte ASCII strings they are.
 *
 * @example canonicalJsonBytes({ a: new PlainJsonString('AAA=') }).toString() === '{"a":"AAA="}'
 */
export function canonicalJsonBytes(value: unknown): Buffer {
  return writeCanonical(value, (length) => ({ bytes: Buffer.allocUnsafe(length), wrote() {} }))
    .bytes;
}

/**
 * `canonicalJsonBytes(value)` with its `contentHash`, the hash worked out by a thread while
 * the bytes are written (hashedBuffer): the same bytes and the same hash.
 *
 * @example const { bytes, hash } = await canonicalJsonBytesHashed(content)
 */
export async function canonicalJsonBytesHashed(
  value: unknown,
): Promise<{ bytes: Buffer; hash: string }> {
  const hashed = writeCanonical(value, hashedBuffer);
  return { bytes: hashed.bytes, hash: await hashed.digest() };
}

/** The bytes written front to back into what `make` gives for their length, told as they go. */
function writeCanonical<T extends { bytes: Buffer; wrote(at: number): void }>(
  value: unknown,
  make: (length: number) => T,
): T {
  const { between, plain } = canonicalJsonParts(value);
  let length = 0;
  for (const piece of between) length += Buffer.byteLength(piece);
  for (const text of plain) length += text.length;
  const sink = make(length);
  const out = sink.bytes;
  let at = 0;
  for (let i = 0; i < between.length; i++) {
    at += out.write(between[i] as string, at, 'utf8');
    if (i < plain.length) at += out.write(plain[i] as string, at, 'latin1');
    sink.wrote(at);
  }
  return sink;
}
