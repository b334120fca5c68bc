import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { contentHash } from '../db/content-hash.js';
import { canonicalJson } from '../domain/canonical-json.js';
import type { Methodology } from '../domain/methodology.js';
import type { SnapshotDownload } from '../domain/snapshot-download.js';
import type { RatingData, RatingResult } from '../engine/compute-rating.js';
import {
  computedSnapshotBytes,
  computedSnapshotText,
} from '../server/features/rating/stored-snapshot-content.js';

export interface OfflineSnapshotOptions {
  dataFile: string;
  code?: string | undefined;
  period?: string | undefined;
  asOf: string;
}

/**
 * The bundle a published snapshot's download gives (GET /api/snapshots/КОД/download), made
 * from files: the same stored content (table, notes, computation with methodology, inputs,
 * every intermediate number and explanations), its SHA-256 over the same canonical JSON, and
 * the methodology's own hash, so `munirank verify` checks it exactly as a published one.
 * Not published: `publishedAt` is null.
 *
 * @example offlineSnapshot(m, data, computeRating(m, data), { dataFile: 'data.csv', asOf: '2024-05-01' }).contentHash
 */
export function offlineSnapshot(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): SnapshotDownload {
  const { head, content } = offlineSnapshotParts(m, data, result, options);
  return { ...head, content: JSON.parse(content) };
}

/**
 * The bundle as JSON text: the stored content's canonical text spliced in as it is, not
 * parsed and written again (for 20,000 units that text is tens of megabytes).
 */
export function offlineSnapshotText(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): string {
  const { head, content } = offlineSnapshotParts(m, data, result, options);
  return `${bundleOpening(head)}${content}${BUNDLE_CLOSING}`;
}

/** The bundle's text up to its content: the head's members, then `"content":`. */
const bundleOpening = (head: Omit<SnapshotDownload, 'content'>): string =>
  `${JSON.stringify(head).slice(0, -1)},"content":`;
const BUNDLE_CLOSING = '}\n';

/**
 * Writes the bundle to a file, the same bytes as `offlineSnapshotText`. The content is encoded
 * to UTF-8 once and hashed by a thread while it is encoded (computedSnapshotBytes); the
 * head, which carries the hash, goes first. Written to a file beside the target and renamed
 * onto it: an interrupted run leaves no half-written bundle.
 */
export async function writeOfflineSnapshot(
  file: string,
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): Promise<void> {
  const { bytes: content, hash } = await computedSnapshotBytes(m, data, result);
  const head = Buffer.from(bundleOpening(bundleHead(m, options, hash)));
  const partial = `${file}.${process.pid}.part`;
  const handle = await open(partial, 'w');
  try {
    await writeAll(handle, head, 0);
    await writeAll(handle, content, head.length);
    await writeAll(handle, Buffer.from(BUNDLE_CLOSING), head.length + content.length);
    await handle.close();
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await rename(partial, file);
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; )
    done += (await handle.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
}

function offlineSnapshotParts(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): { head: Omit<SnapshotDownload, 'content'>; content: string } {
  const content = computedSnapshotText(m, data, result);
  return { head: bundleHead(m, options, contentHash(content)), content };
}

/** Everything of the bundle but its content, for content of the given hash. */
function bundleHead(
  m: Methodology,
  options: OfflineSnapshotOptions,
  hash: string,
): Omit<SnapshotDownload, 'content'> {
  return {
    format: 'munirank-snapshot/1',
    code: options.code ?? `${m.code}-v${m.version}`,
    title: m.title,
    period: options.period ?? m.effectiveFrom,
    asOf: options.asOf,
    source: {
      document: `Расчёт munirank compute по файлу ${basename(options.dataFile)}`,
      table: null,
      note: null,
    },
    methodology: {
      code: m.code,
      version: String(m.version),
      contentHash: contentHash(canonicalJson(m)),
    },
    publishedAt: null,
    supersedes: null,
    errataNote: null,
    contentHash: hash,
  };
}
