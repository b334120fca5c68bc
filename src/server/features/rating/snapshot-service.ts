import type { Kysely } from 'kysely';
import {
  findMethodologyById,
  storeMethodology,
} from '../../../db/repositories/methodology-repository.js';
import {
  findSnapshotByCode,
  findSnapshotHeadByCode,
  findSnapshotHeadById,
  insertPublication,
  insertSnapshot,
  insertSnapshotPlaces,
} from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { Methodology } from '../../../domain/methodology.js';
import type { SnapshotDownload } from '../../../domain/snapshot-download.js';
import type { SourceReference } from '../../../domain/source-reference.js';
import { computeRating, type RatingData } from '../../../engine/compute-rating.js';
import { NotFoundError } from '../../http-errors.js';
import { ratingComputationDuration, ratingComputations } from '../../metrics/server-metrics.js';
import { computedSnapshotBytes, keptPlacesText } from './stored-snapshot-content.js';

export interface ComputeSnapshotRequest {
  regionId: number;
  code: string;
  title: string;
  period: string;
  asOf: string;
  methodology: Methodology;
  data: RatingData;
  source: SourceReference;
  /** A correction: the snapshot it replaces and the errata note shown with it. */
  supersedes?: { code: string; errataNote: string };
}

/** Runs `work` in a transaction unless the caller already owns one. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>) {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Computes a rating and stores it as an immutable, unpublished snapshot with the
 * methodology, the exact inputs, every intermediate score, places and explanations.
 *
 * @example await computeSnapshot(db, { regionId, code: 'orenburg-2022', …, methodology, data })
 */
export async function computeSnapshot(
  db: Kysely<Database>,
  request: ComputeSnapshotRequest,
): Promise<{ id: number; contentHash: string }> {
  const started = performance.now();
  try {
    const stored = await storeComputedSnapshot(db, request);
    ratingComputations.inc({ outcome: 'stored' });
    return stored;
  } catch (error) {
    ratingComputations.inc({ outcome: 'failed' });
    throw error;
  } finally {
    ratingComputationDuration.observe({}, (performance.now() - started) / 1000);
  }
}

function storeComputedSnapshot(db: Kysely<Database>, request: ComputeSnapshotRequest) {
  return inTransaction(db, async (trx) => {
    const methodologyId = await storeMethodology(trx, request.regionId, request.methodology);
    let supersedesId: number | null = null;
    if (request.supersedes) {
      const old = await findSnapshotHeadByCode(trx, request.regionId, request.supersedes.code);
      if (!old)
        throw new NotFoundError(`Исправляемый снимок «${request.supersedes.code}» не найден`);
      supersedesId = old.id;
    }
    const result = computeRating(request.methodology, request.data);
    // Hashed and stored as these bytes.
    const { bytes: content, hash } = await computedSnapshotBytes(
      request.methodology,
      request.data,
      result,
    );
    const id = await insertSnapshot(trx, {
      region_id: request.regionId,
      code: request.code,
      title: request.title,
      period: request.period,
      as_of: request.asOf,
      methodology_id: methodologyId,
      source_document: request.source.document,
      source_table: request.source.table,
      source_note: request.source.note,
      content,
      content_hash: hash,
      created_at: new Date().toISOString(),
      supersedes_id: supersedesId,
      errata_note: request.supersedes?.errataNote ?? null,
    });
    await insertSnapshotPlaces(trx, id, keptPlacesText(result.units));
    return { id, contentHash: hash };
  });
}

/** Publishes a stored snapshot: an explicit, recorded act; a snapshot is published once. */
export async function publishSnapshot(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  publishedBy: string,
  note: string | null = null,
  overrideReason: string | null = null,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await findSnapshotHeadByCode(trx, regionId, code);
    if (!row) throw new NotFoundError(`Снимок рейтинга «${code}» не найден`);
    if (row.published_at !== null) throw new Error(`Снимок «${code}» уже опубликован`);
    await insertPublication(trx, row.id, publishedBy, note, overrideReason);
  });
}

/** A published snapshot with its inputs and methodology, for download and verification. */
export async function getSnapshotDownload(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<SnapshotDownload> {
  const row = await findSnapshotByCode(db, regionId, code);
  if (!row || row.published_at === null)
    throw new NotFoundError(`Опубликованный рейтинг «${code}» не найден`);
  const methodology = row.methodology_id ? await findMethodologyById(db, row.methodology_id) : null;
  const supersedes = row.supersedes_id ? await findSnapshotHeadById(db, row.supersedes_id) : null;
  return {
    format: 'munirank-snapshot/1',
    code: row.code,
    title: row.title,
    period: row.period,
    asOf: row.as_of,
    source: { document: row.source_document, table: row.source_table, note: row.source_note },
    methodology: methodology
      ? {
          code: methodology.code,
          version: methodology.version,
          contentHash: methodology.content_hash,
        }
      : null,
    publishedAt: row.published_at,
    supersedes: supersedes?.code ?? null,
    errataNote: row.errata_note,
    contentHash: row.content_hash,
    // As stored (a /3 computation packed): its hash is the one above.
    content: JSON.parse(row.content) as unknown,
  };
}
