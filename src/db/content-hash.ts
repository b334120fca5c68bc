import { createHash } from 'node:crypto';

/** SHA-256 of a text as lowercase hex: the fingerprint stored with every snapshot. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
