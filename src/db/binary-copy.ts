/**
 * Rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN BINARY`): no number is turned
 * into text on our side nor parsed back on the server's. Each field is written with the exact
 * type of its column (int4 = `integer`, float8 = `double precision`, text). A payload is
 * `start`, rows, then `finish`; `take` hands over the rows so far in between, so a large
 * payload streams in parts while the server reads the previous one.
 */
export class BinaryCopy {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private at = 0;

  /** Begins a new COPY payload: the signature, no flags, no header extension. */
  start(): this {
    this.at = 0;
    this.reserve(19);
    this.at += this.buffer.write('PGCOPY\n\xff\r\n\0', this.at, 'latin1');
    this.buffer.writeInt32BE(0, this.at);
    this.buffer.writeInt32BE(0, this.at + 4);
    this.at += 8;
    return this;
  }

  row(fields: number): this {
    this.reserve(2);
    this.buffer.writeInt16BE(fields, this.at);
    this.at += 2;
    return this;
  }

  int4(value: number): this {
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.at);
    this.buffer.writeInt32BE(value, this.at + 4);
    this.at += 8;
    return this;
  }

  float8(value: number): this {
    this.reserve(12);
    this.buffer.writeInt32BE(8, this.at);
    this.buffer.writeDoubleBE(value, this.at + 4);
    this.at += 12;
    return this;
  }

  /** SQL NULL, whatever the column's type. */
  null(): this {
    this.reserve(4);
    this.buffer.writeInt32BE(-1, this.at);
    this.at += 4;
    return this;
  }

  /** A `bytea` field. */
  bytes(value: Uint8Array): this {
    this.reserve(4 + value.length);
    this.buffer.writeInt32BE(value.length, this.at);
    this.buffer.set(value, this.at + 4);
    this.at += 4 + value.length;
    return this;
  }

  text(value: string): this {
    this.reserve(4 + value.length * 3);
    const length = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeInt32BE(length, this.at);
    this.at += 4 + length;
    return this;
  }

  /**
   * The bytes written since the last `take` (the payload's first part includes its signature).
   * The caller owns them: writing goes on into a new buffer of the same size.
   */
  take(): Buffer {
    const part = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.at = 0;
    return part;
  }

  /** The rest of the payload with its trailer; valid until the next `start`. */
  finish(): Buffer {
    this.reserve(2);
    this.buffer.writeInt16BE(-1, this.at);
    this.at += 2;
    return this.buffer.subarray(0, this.at);
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
}
