import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashedBuffer } from './hashing-thread.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Fills `at`…`to` with bytes that depend on their position, as a writer does front to back. */
function fill(bytes: Buffer, from: number, to: number): void {
  for (let i = from; i < to; i++) bytes[i] = (i * 31 + 7) & 0xff;
}

describe('hashedBuffer', () => {
  it('hashes a buffer in a thread while it is filled, front to back', async () => {
    const length = 9 * 1024 * 1024 + 5;
    const h = hashedBuffer(length);
    for (let at = 0; at < length; at += 1024 * 1024) {
      const to = Math.min(length, at + 1024 * 1024);
      fill(h.bytes, at, to);
      h.wrote(to);
    }
    const expected = Buffer.alloc(length);
    fill(expected, 0, length);
    expect(h.bytes.equals(expected)).toBe(true);
    expect(await h.digest()).toBe(sha256(expected));
  });

  it('keeps two buffers filled at once apart', async () => {
    const a = hashedBuffer(6 * 1024 * 1024);
    const b = hashedBuffer(5 * 1024 * 1024);
    fill(a.bytes, 0, 5 * 1024 * 1024);
    a.wrote(5 * 1024 * 1024);
    fill(b.bytes, 0, b.bytes.length);
    b.wrote(b.bytes.length);
    // `a`'s last megabyte, written after `b` was whole and told.
    fill(a.bytes, 5 * 1024 * 1024, a.bytes.length);
    a.wrote(a.bytes.length);
    const [ha, hb] = await Promise.all([a.digest(), b.digest()]);
    const ea = Buffer.alloc(a.bytes.length);
    fill(ea, 0, ea.length);
    const eb = Buffer.alloc(b.bytes.length);
    fill(eb, 0, eb.length);
    expect(ha).toBe(sha256(ea));
    expect(hb).toBe(sha256(eb));
    expect(ha).not.toBe(hb);
  });

  it('hashes a small buffer on the calling thread, to the same digest', async () => {
    const h = hashedBuffer(3);
    h.bytes.write('abc');
    h.wrote(3);
    expect(await h.digest()).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
