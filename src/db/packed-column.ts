/**
 * A column of numbers as stored in a snapshot of format `munirank-computation/3`
 * (docs/decisions/0220): the doubles' little-endian IEEE 754 bytes, base64. Every double
 * comes back bit for bit (−0, the infinities); a missing value (null) is stored as NaN and
 * read back as null. Writing and reading a double this way is a copy of eight bytes, where
 * JSON's shortest decimal form has to be worked out and parsed again digit by digit.
 *
 * @example unpackColumn(packColumn([1.5, null, -0])) // [1.5, null, -0]
 */
export function packColumn(values: ArrayLike<number | null>): string {
  // A Float64Array's own bytes are written as they are (null cannot be in it).
  if (values instanceof Float64Array && LITTLE_ENDIAN)
    return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
  const doubles = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    doubles[i] = typeof v === 'number' ? v : Number.NaN;
  }
  if (!LITTLE_ENDIAN) swapBytes(doubles);
  return Buffer.from(doubles.buffer, doubles.byteOffset, doubles.byteLength).toString('base64');
}

/** The column back from its text; throws when the text is not a whole number of doubles. */
export function unpackColumn(text: string): (number | null)[] {
  if (typeof text !== 'string' || !BASE64.test(text))
    throw new Error('упакованный столбец чисел должен быть строкой base64');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % 8 !== 0)
    throw new Error(`упакованный столбец: ${bytes.length} байт — не целое число чисел по 8 байт`);
  // Copied into a fresh buffer: Buffer.from may hand out a slice of a shared pool at an offset
  // that is not a multiple of 8.
  const doubles = new Float64Array(bytes.length / 8);
  new Uint8Array(doubles.buffer).set(bytes);
  if (!LITTLE_ENDIAN) swapBytes(doubles);
  // Filled with a double first, so that V8 keeps the array's numbers unboxed.
  const out: (number | null)[] = new Array<number>(doubles.length).fill(0);
  for (let i = 0; i < doubles.length; i++) {
    const v = doubles[i] as number;
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** Base64 with its padding, nothing else (Buffer.from would skip other characters silently). */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function swapBytes(doubles: Float64Array): void {
  const bytes = new Uint8Array(doubles.buffer, doubles.byteOffset, doubles.byteLength);
  for (let at = 0; at < bytes.length; at += 8) bytes.subarray(at, at + 8).reverse();
}
