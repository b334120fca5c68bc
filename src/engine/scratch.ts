/**
 * Working buffers reused from one computation to the next. The engine is synchronous, so a
 * buffer handed out here is only ever used by one caller at a time; each caller names its
 * own slot and never keeps the buffer past its return. Fresh typed arrays of 20 000 × 60
 * cells cost page faults and garbage collection out of proportion to the arithmetic; the
 * results themselves are always fresh arrays, never these.
 */
const buffers = new Map<string, ArrayBuffer>();

/** Buffers beyond this many bytes are allocated afresh rather than kept. */
const KEEP_BYTES = 16 * 1024 * 1024;

function bufferFor(slot: string, bytes: number): ArrayBuffer {
  if (bytes > KEEP_BYTES) return new ArrayBuffer(bytes);
  let buffer = buffers.get(slot);
  if (!buffer || buffer.byteLength < bytes) {
    buffer = new ArrayBuffer(bytes);
    buffers.set(slot, buffer);
  }
  return buffer;
}

/**
 * A Float64Array of `length` cells for `slot`, with unspecified contents.
 *
 * @example const tmp = scratchFloat64('share', n); // tmp.length === n
 */
export function scratchFloat64(slot: string, length: number): Float64Array {
  return new Float64Array(bufferFor(slot, length * 8), 0, length);
}

/**
 * A Uint32Array of `length` cells for `slot`, with unspecified contents.
 *
 * @example scratchUint32('order', m).fill(0)
 */
export function scratchUint32(slot: string, length: number): Uint32Array {
  return new Uint32Array(bufferFor(slot, length * 4), 0, length);
}

/**
 * An Int32Array of `length` cells for `slot`, with unspecified contents.
 *
 * @example scratchInt32('slow-units', n)
 */
export function scratchInt32(slot: string, length: number): Int32Array {
  return new Int32Array(bufferFor(slot, length * 4), 0, length);
}
