import { randomInt } from 'node:crypto';

// No look-alikes (0/O, 1/l/I), so that a password read off a screen is typed right.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 56-letter alphabet: about 116 bits, in four dash-separated groups. */
export function generateOneTimePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
