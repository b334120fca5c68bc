import type { Kysely } from 'kysely';
import {
  findPublishedSnapshot,
  findSnapshotByCode,
  findSnapshotContent,
  listSnapshotLinks,
  listSnapshotsWithoutContent,
  type SnapshotHead,
  type SnapshotLinkRow,
  type SnapshotListRow,
  type SnapshotRow,
} from '../../../db/repositories/snapshot-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  RatingSnapshotContent,
  RatingSnapshotSummary,
} from '../../../domain/rating-snapshot.js';
import { NotFoundError } from '../../http-errors.js';
import { loadMunicipalityRefs } from '../registry/municipality-refs.js';
import type { SnapshotSummaryWithErrata, SnapshotViewWithErrata } from './rating-schemas.js';
import { keptPlacesOf, readSnapshotContent } from './stored-snapshot-content.js';

type ErrataOf = (
  row: SnapshotHead,
) => Pick<SnapshotSummaryWithErrata, 'supersedes' | 'errataNote' | 'correctedBy'>;

/**
 * Reads the correction links of a region's snapshots once and answers, per snapshot, which
 * one it corrects and which correct it; the public sees published snapshots only.
 */
async function loadErrata(
  db: Kysely<Database>,
  regionId: number,
  includeUnpublished: boolean,
): Promise<ErrataOf> {
  const links = (await listSnapshotLinks(db, regionId)).filter(
    (l) => includeUnpublished || l.published_at !== null,
  );
  const byId = new Map(links.map((l) => [l.id, l]));
  const corrections = new Map<number, SnapshotLinkRow[]>();
  for (const l of links) {
    if (l.supersedes_id !== null)
      corrections.set(l.supersedes_id, [...(corrections.get(l.supersedes_id) ?? []), l]);
  }
  return (row) => {
    const old = row.supersedes_id === null ? undefined : byId.get(row.supersedes_id);
    return {
      supersedes: old ? { code: old.code, title: old.title } : null,
      errataNote: row.errata_note,
      correctedBy: (corrections.get(row.id) ?? []).map((c) => ({
        code: c.code,
        title: c.title,
        errataNote: c.errata_note ?? '',
        publishedAt: c.published_at,
      })),
    };
  };
}

/** What a summary tells of a snapshot's content: its methodology's code and its rows. */
interface ContentFacts {
  methodologyCode: string | null;
  rowCount: number;
}

const factsOf = (content: RatingSnapshotContent): ContentFacts => ({
  methodologyCode:
    (content.computation?.methodology as { code?: string } | undefined)?.code ?? null,
  rowCount: content.rows.length,
});

/**
 * A listed snapshot's facts without its content when its places are kept (one row per unit,
 * its methodology by id); a snapshot stored before they were kept is read whole.
 */
async function listedFacts(db: Kysely<Database>, row: SnapshotListRow): Promise<ContentFacts> {
  if (row.places === null)
    return factsOf(readSnapshotContent(await findSnapshotContent(db, row.id)));
  return {
    methodologyCode: row.methodology_code,
    rowCount: keptPlacesOf(row.places).size,
  };
}

function summarise(row: SnapshotHead, facts: ContentFacts): RatingSnapshotSummary {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    period: row.period,
    asOf: row.as_of,
    methodologyCode: facts.methodologyCode,
    source: { document: row.source_document, table: row.source_table, note: row.source_note },
    contentHash: row.content_hash,
    createdAt: row.created_at,
    publishedAt: row.published_at,
    rowCount: facts.rowCount,
  };
}

/** Published snapshots, newest first. Reads stored snapshots only: nothing is recomputed. */
export async function listSnapshots(
  db: Kysely<Database>,
  regionId: number,
  options: { includeUnpublished?: boolean } = {},
): Promise<SnapshotSummaryWithErrata[]> {
  const rows = await listSnapshotsWithoutContent(db, regionId, !options.includeUnpublished);
  const errata = await loadErrata(db, regionId, options.includeUnpublished ?? false);
  const summaries: SnapshotSummaryWithErrata[] = [];
  for (const r of rows) summaries.push({ ...summarise(r, await listedFacts(db, r)), ...errata(r) });
  return summaries;
}

/**
 * A snapshot by code as its reader may see it: the public only published ones (a draft is
 * "not found"), the department drafts too; a 404 naming the code otherwise.
 */
export async function findVisibleSnapshot(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  options: { includeUnpublished?: boolean },
): Promise<SnapshotRow> {
  const row = options.includeUnpublished
    ? await findSnapshotByCode(db, regionId, code)
    : await findPublishedSnapshot(db, regionId, code);
  if (!row)
    throw new NotFoundError(
      options.includeUnpublished
        ? `Снимок рейтинга «${code}» не найден`
        : `Опубликованный рейтинг «${code}» не найден`,
    );
  return row;
}

export async function getSnapshot(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  options: { includeUnpublished?: boolean } = {},
): Promise<SnapshotViewWithErrata> {
  const row = await findVisibleSnapshot(db, regionId, code, options);
  const content = readSnapshotContent(row.content);
  const { byCode } = await loadMunicipalityRefs(db, regionId);
  const errata = await loadErrata(db, regionId, options.includeUnpublished ?? false);
  return {
    ...summarise(row, factsOf(content)),
    ...errata(row),
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
