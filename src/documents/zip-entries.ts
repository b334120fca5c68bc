import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** One file of a ZIP archive (a DOCX is one), with the modification time its archive gave it. */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** MS-DOS time and date fields, kept as read so that a rewritten archive keeps them. */
  time: number;
  date: number;
}

const CENTRAL_END = 0x06054b50;
const CENTRAL_FILE = 0x02014b50;
const LOCAL_FILE = 0x04034b50;

/**
 * The files of a ZIP archive without ZIP64 (what the docx package writes), read through the
 * central directory: stored or deflated entries, anything else refused.
 */
export function readZip(archive: Buffer): ZipEntry[] {
  let end = archive.length - 22;
  while (end >= 0 && archive.readUInt32LE(end) !== CENTRAL_END) end--;
  if (end < 0) throw new Error('ZIP: не найден конец центрального каталога');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_FILE) throw new Error('ZIP: повреждён каталог');
    const method = archive.readUInt16LE(at + 10);
    const time = archive.readUInt16LE(at + 12);
    const date = archive.readUInt16LE(at + 14);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    if (archive.readUInt32LE(local) !== LOCAL_FILE) throw new Error(`ZIP: повреждён файл ${name}`);
    const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const packed = archive.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`ZIP: метод сжатия ${method} у ${name}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(packed) : packed, time, date });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface FileFields {
  time: number;
  date: number;
  checksum: number;
  packed: number;
  size: number;
  name: number;
}

/**
 * The fields a local header and its central directory record share, in the same order in
 * both (from "version needed" to the name's length), written from `at`.
 */
function writeFileFields(header: Buffer, at: number, f: FileFields): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // names in UTF-8
  header.writeUInt16LE(8, at + 4); // deflated
  header.writeUInt16LE(f.time, at + 6);
  header.writeUInt16LE(f.date, at + 8);
  header.writeUInt32LE(f.checksum, at + 10);
  header.writeUInt32LE(f.packed, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.name, at + 22);
}

/** A ZIP archive of `entries` in their order, each deflated, names in UTF-8. */
export function writeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = deflateRawSync(entry.data);
    const checksum = crc32(entry.data);
    const fields = {
      time: entry.time,
      date: entry.date,
      checksum,
      packed: packed.length,
      size: entry.data.length,
      name: name.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_FILE, 0);
    writeFileFields(local, 4, fields);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_FILE, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    writeFileFields(central, 6, fields);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    directory.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const size = directory.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(CENTRAL_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
