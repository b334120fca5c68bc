import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BACKUP_MAGIC, type BackupManifest } from './backup-manifest.js';

/** The header is two lines: the magic and the manifest; a manifest is far below this. */
const MAX_HEADER = 64 * 1024 * 1024;

export class BackupFileError extends Error {}

/** Length and SHA-256 of a file's bytes from `start` on. */
export async function digestFile(file: string, start = 0) {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Writes `target` as the magic line, the manifest line and the data file's bytes, under a
 * temporary name renamed at the end: an interrupted backup never leaves a file that looks whole.
 */
export async function writeBackupFile(
  target: string,
  manifest: Omit<BackupManifest, 'dataBytes' | 'dataSha256'>,
  dataFile: string,
): Promise<BackupManifest> {
  const { bytes, sha256 } = await digestFile(dataFile);
  const full: BackupManifest = { ...manifest, dataBytes: bytes, dataSha256: sha256 };
  const partial = `${target}.partial`;
  const out = createWriteStream(partial, { flags: 'wx' });
  out.write(`${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`);
  try {
    await pipeline(createReadStream(dataFile), out);
    const fd = await open(partial, 'r');
    await fd.sync();
    await fd.close();
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return full;
}

async function readHeader(file: string): Promise<{ manifest: BackupManifest; dataStart: number }> {
  const name = basename(file);
  const fd = await open(file, 'r').catch(() => {
    throw new BackupFileError(`Файл резервной копии ${file} не найден или не читается.`);
  });
  try {
    let text = Buffer.alloc(0);
    for (let at = 0; text.length < MAX_HEADER; ) {
      const chunk = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fd.read(chunk, 0, chunk.length, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      text = Buffer.concat([text, chunk.subarray(0, bytesRead)]);
      const first = text.indexOf(10);
      const second = first < 0 ? -1 : text.indexOf(10, first + 1);
      if (first >= 0 && text.subarray(0, first).toString('utf8') !== BACKUP_MAGIC) break;
      if (second < 0) continue;
      const manifest = JSON.parse(text.subarray(first + 1, second).toString('utf8'));
      return { manifest: manifest as BackupManifest, dataStart: second + 1 };
    }
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
  } finally {
    await fd.close();
  }
  throw new BackupFileError(
    `${name}: это не резервная копия munirank или её заголовок повреждён (ожидается первая строка «${BACKUP_MAGIC}» и описание копии).`,
  );
}

/**
 * Reads and checks a backup file: its header, then the length and SHA-256 of its data against
 * the manifest. A truncated or altered file is refused here, before anything is touched.
 */
export async function readBackupFile(file: string) {
  const { manifest, dataStart } = await readHeader(file);
  const name = basename(file);
  if (manifest.format !== 'munirank-backup' || manifest.version !== 1)
    throw new BackupFileError(
      `${name}: неизвестный формат резервной копии (${String(manifest.format)} версии ${String(manifest.version)}).`,
    );
  const size = (await stat(file)).size - dataStart;
  if (size !== manifest.dataBytes)
    throw new BackupFileError(
      `${name}: файл резервной копии ${size < manifest.dataBytes ? 'обрезан' : 'длиннее, чем записано'}: ` +
        `данных ${size} байт, а в описании копии — ${manifest.dataBytes}. Копия не восстановлена, база не изменена.`,
    );
  const { sha256 } = await digestFile(file, dataStart);
  if (sha256 !== manifest.dataSha256)
    throw new BackupFileError(
      `${name}: контрольная сумма данных ${sha256} не совпадает с записанной ${manifest.dataSha256}: ` +
        'файл повреждён. Копия не восстановлена, база не изменена.',
    );
  return { manifest, dataStart };
}

/** Copies a checked backup's data (from `dataStart`) into a file of its own. */
export async function extractBackupData(file: string, dataStart: number, target: string) {
  await pipeline(createReadStream(file, { start: dataStart }), createWriteStream(target));
}
