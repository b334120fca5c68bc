import type { Kysely } from 'kysely';
import {
  findPublishedSnapshot,
  findSnapshotByCode,
  listPublishedSnapshots,
  listSnapshotRows,
  type SnapshotRow,
} from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  RatingSnapshotContent,
  RatingSnapshotSummary,
  RatingSnapshotView,
} from '../../../domain/rating-snapshot.js';
import { NotFoundError } from '../../http-errors.js';
import { loadMunicipalityRefs } from '../registry/municipality-refs.js';

function summarise(row: SnapshotRow, content: RatingSnapshotContent): RatingSnapshotSummary {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    period: row.period,
    asOf: row.as_of,
    methodologyCode:
      (content.computation?.methodology as { code?: string } | undefined)?.code ?? null,
    source: { document: row.source_document, table: row.source_table, note: row.source_note },
    contentHash: row.content_hash,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    rowCount: content.rows.length,
  };
}

/** Published snapshots, newest first. Reads stored snapshots only: nothing is recomputed. */
export async function listSnapshots(
  db: Kysely<Database>,
  regionId: number,
  options: { includeUnpublished?: boolean } = {},
): Promise<RatingSnapshotSummary[]> {
  const rows = options.includeUnpublished
    ? await listSnapshotRows(db, regionId)
    : await listPublishedSnapshots(db, regionId);
  return rows.map((r) => summarise(r, JSON.parse(r.content) as RatingSnapshotContent));
}

export async function getSnapshot(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<RatingSnapshotView> {
  const row = options.includeUnpublished
    ? await findSnapshotByCode(db, regionId, code)
    : await findPublishedSnapshot(db, regionId, code);
  if (!row)
    throw new NotFoundError(
      options.includeUnpublished
        ? `Снимок рейтинга «${code}» не найден`
        : `Опубликованный рейтинг «${code}» не найден`,
    );
  const content = JSON.parse(row.content) as RatingSnapshotContent;
  const { byCode } = await loadMunicipalityRefs(db, regionId);
  return {
    ...summarise(row, content),
    columns: content.columns,
    notes: content.notes,
    rows: content.rows.map((r) => {
      const municipality = byCode.get(r.municipalityCode);
      if (!municipality)
        throw new Error(`Снимок «${code}» ссылается на неизвестное ОМСУ ${r.municipalityCode}`);
      return { place: r.place, placeLabel: r.placeLabel, municipality, values: r.values };
    }),
  };
}
