import { closeSync, openSync, writeSync } from 'node:fs';
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
  return `${JSON.stringify(head).slice(0, -1)},"content":${content}}\n`;
}

/**
 * Writes the bundle to a file, the same bytes as `offlineSnapshotText`: the content is
 * encoded to UTF-8 once, and those bytes are both hashed and written.
 */
export function writeOfflineSnapshot(
  file: string,
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): void {
  const { head, content } = offlineSnapshotParts(m, data, result, options, true);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${JSON.stringify(head).slice(0, -1)},"content":`);
    writeSync(fd, content);
    writeSync(fd, '}\n');
  } finally {
    closeSync(fd);
  }
}

function offlineSnapshotParts(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
): { head: Omit<SnapshotDownload, 'content'>; content: string };
function offlineSnapshotParts(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
  bytes: true,
): { head: Omit<SnapshotDownload, 'content'>; content: Buffer };
function offlineSnapshotParts(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
  options: OfflineSnapshotOptions,
  bytes = false,
): { head: Omit<SnapshotDownload, 'content'>; content: string | Buffer } {
  const stored = bytes
    ? computedSnapshotBytes(m, data, result)
    : computedSnapshotText(m, data, result);
  const head: Omit<SnapshotDownload, 'content'> = {
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
    contentHash: contentHash(stored),
  };
  return { head, content: stored };
}
