import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema/index.js';
import { snapshotCsv } from '../../../documents/snapshot-csv.js';
import type { SnapshotTable } from '../../../documents/snapshot-table.js';
import { snapshotXlsx } from '../../../documents/snapshot-xlsx.js';
import { NotFoundError } from '../../http-errors.js';
import { getSnapshot } from '../rating/rating-service.js';
import { getSnapshotDownload } from '../rating/snapshot-service.js';
import { type CachedAnswer, cachedAnswer, IMMUTABLE } from './portal-cache.js';

/**
 * The verification bundle's bytes: what `GET /api/snapshots/{code}/download` answers and
 * what the open data page offers, one function so that both are the same file.
 */
export async function snapshotBundleBytes(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<Buffer> {
  const download = await getSnapshotDownload(db, regionId, code);
  return Buffer.from(`${JSON.stringify(download, null, 2)}\n`, 'utf8');
}

/** A published snapshot's table (its view already has every field the files need). */
export const loadSnapshotTable = (
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<SnapshotTable> => getSnapshot(db, regionId, code);

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
} as const;

/** A published snapshot's open data file, immutable; null when no such snapshot is published. */
export async function snapshotFileAnswer(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  format: keyof typeof TYPES,
): Promise<CachedAnswer | null> {
  try {
    const body =
      format === 'json'
        ? await snapshotBundleBytes(db, regionId, code)
        : format === 'csv'
          ? snapshotCsv(await loadSnapshotTable(db, regionId, code))
          : await snapshotXlsx(await loadSnapshotTable(db, regionId, code));
    return cachedAnswer(body, TYPES[format], IMMUTABLE, `attachment; filename="${code}.${format}"`);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
