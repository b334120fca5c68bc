import { createHash } from 'node:crypto';

/**
 * SHA-256 of a text as lowercase hex: the fingerprint stored with every snapshot. The text may
 * come already as its UTF-8 bytes, when they are written out too (encoded once, not twice).
 */
export function contentHash(text: string | Uint8Array): string {
  const hash = createHash('sha256');
  return (typeof text === 'string' ? hash.update(text, 'utf8') : hash.update(text)).digest('hex');
}
