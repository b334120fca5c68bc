import { canonicalJsonParts } from '../domain/canonical-json.js';

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
  const { between, plain } = canonicalJsonParts(value);
  let length = 0;
  for (const piece of between) length += Buffer.byteLength(piece);
  for (const text of plain) length += text.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (let i = 0; i < between.length; i++) {
    at += out.write(between[i] as string, at, 'utf8');
    if (i < plain.length) at += out.write(plain[i] as string, at, 'latin1');
  }
  return out;
}
