import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { dialectOf } from '../dialect-of.js';
import type { Database } from '../schema/index.js';
import type { RatingSnapshotTable } from '../schema/rating-snapshot.js';

export type SnapshotRow = Selectable<RatingSnapshotTable> & { published_at: string | null };

/**
 * Stores a snapshot. Its content may come as its UTF-8 bytes, already made for the hash: the
 * database then takes them as they are (SQLite: 5 ms for 8 MB, against 22 ms to convert the
 * text again), and stores text all the same.
 */
export async function insertSnapshot(
  db: Kysely<Database>,
  values: Omit<Insertable<RatingSnapshotTable>, 'content'> & { content: string | Uint8Array },
): Promise<number> {
  const { content, ...rest } = values;
  const row = await db
    .insertInto('rating_snapshot')
    .values({ ...rest, content: typeof content === 'string' ? content : textOf(db, content) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** UTF-8 bytes given to the database as text. */
function textOf(db: Kysely<Database>, bytes: Uint8Array) {
  return dialectOf(db) === 'postgres'
    ? sql<string>`convert_from(${bytes}, 'UTF8')`
    : sql<string>`cast(${bytes} as text)`;
}

export async function insertPublication(
  db: Kysely<Database>,
  snapshotId: number,
  publishedBy: string,
  note: string | null,
  overrideReason: string | null = null,
): Promise<void> {
  await db
    .insertInto('snapshot_publication')
    .values({
      snapshot_id: snapshotId,
      published_at: new Date().toISOString(),
      published_by: publishedBy,
      note,
      // Named only when given: the demo loads into databases of older schemas in migration tests.
      ...(overrideReason === null ? {} : { override_reason: overrideReason }),
    })
    .execute();
}

/** The first publication's date of snapshot `s`, or null while it is a draft. */
const firstPublished = (eb: ExpressionBuilder<Database & { s: RatingSnapshotTable }, 's'>) =>
  eb
    .selectFrom('snapshot_publication as p')
    .select((e) => e.fn.min('p.published_at').as('first'))
    .whereRef('p.snapshot_id', '=', 's.id')
    .as('published_at');

function selectSnapshots(db: Kysely<Database>) {
  return db.selectFrom('rating_snapshot as s').selectAll('s').select(firstPublished);
}

/** Every column of a snapshot but its content. */
const HEAD_COLUMNS = [
  's.id',
  's.region_id',
  's.code',
  's.title',
  's.period',
  's.as_of',
  's.methodology_id',
  's.source_document',
  's.source_table',
  's.source_note',
  's.content_hash',
  's.created_at',
  's.supersedes_id',
  's.errata_note',
] as const;

/** A snapshot without its content (tens of megabytes at 20,000 units). */
export type SnapshotHead = Omit<SnapshotRow, 'content'>;

function selectSnapshotHeads(db: Kysely<Database>) {
  return db.selectFrom('rating_snapshot as s').select(HEAD_COLUMNS).select(firstPublished);
}

/**
 * A snapshot by code without its content, whether published or not: what publication,
 * review and corrections check.
 */
export async function findSnapshotHeadByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<SnapshotHead | null> {
  const row = await selectSnapshotHeads(db)
    .where('s.region_id', '=', regionId)
    .where('s.code', '=', code)
    .executeTakeFirst();
  return (row as SnapshotHead | undefined) ?? null;
}

/** A snapshot as lists show it: no content, its methodology's code, its units' places if kept. */
export type SnapshotListRow = SnapshotHead & {
  methodology_code: string | null;
  /** JSON, code → place (snapshot_places); null for a snapshot stored before they were kept. */
  places: string | null;
};

/**
 * A region's snapshots without their contents (tens of megabytes each at 20,000 units),
 * newest first: `published` only those published, ordered by the date of their data.
 */
export async function listSnapshotsWithoutContent(
  db: Kysely<Database>,
  regionId: number,
  published: boolean,
): Promise<SnapshotListRow[]> {
  const heads = await selectSnapshotHeads(db)
    .where('s.region_id', '=', regionId)
    .orderBy(published ? 's.as_of' : 's.created_at', 'desc')
    .execute();
  const rows = published ? heads.filter((r) => r.published_at !== null) : heads;
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const places = new Map(
    (
      await db
        .selectFrom('snapshot_places')
        .select(['snapshot_id', 'places'])
        .where('snapshot_id', 'in', ids)
        .execute()
    ).map((p) => [p.snapshot_id, p.places]),
  );
  const methodologyIds = [
    ...new Set(rows.map((r) => r.methodology_id).filter((id) => id !== null)),
  ];
  const codes = new Map(
    methodologyIds.length === 0
      ? []
      : (
          await db
            .selectFrom('methodology')
            .select(['id', 'code'])
            .where('id', 'in', methodologyIds)
            .execute()
        ).map((m) => [m.id, m.code]),
  );
  return rows.map((r) => ({
    ...(r as SnapshotHead),
    methodology_code: r.methodology_id === null ? null : (codes.get(r.methodology_id) ?? null),
    places: places.get(r.id) ?? null,
  }));
}

/** One snapshot's stored content. */
export async function findSnapshotContent(db: Kysely<Database>, id: number): Promise<string> {
  const row = await db
    .selectFrom('rating_snapshot')
    .select('content')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.content;
}

export async function findPublishedSnapshot(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<SnapshotRow | null> {
  const row = await findSnapshotByCode(db, regionId, code);
  return row?.published_at != null ? row : null;
}

/** A snapshot by code whether published or not (for publishing and corrections). */
export async function findSnapshotByCode(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<SnapshotRow | null> {
  const row = await selectSnapshots(db)
    .where('s.region_id', '=', regionId)
    .where('s.code', '=', code)
    .executeTakeFirst();
  return (row as SnapshotRow | undefined) ?? null;
}

export async function findSnapshotHeadById(
  db: Kysely<Database>,
  id: number,
): Promise<SnapshotHead | null> {
  const row = await selectSnapshotHeads(db).where('s.id', '=', id).executeTakeFirst();
  return (row as SnapshotHead | undefined) ?? null;
}

/**
 * A snapshot's places as kept beside it (JSON, code → place); null for one stored before they
 * were kept, whose content has them.
 */
export async function findSnapshotPlaces(db: Kysely<Database>, id: number): Promise<string | null> {
  const kept = await db
    .selectFrom('snapshot_places')
    .select('places')
    .where('snapshot_id', '=', id)
    .executeTakeFirst();
  return kept?.places ?? null;
}

/** Keeps each unit's place in a snapshot just stored (JSON, code → place). */
export async function insertSnapshotPlaces(
  db: Kysely<Database>,
  snapshotId: number,
  places: string,
): Promise<void> {
  await db.insertInto('snapshot_places').values({ snapshot_id: snapshotId, places }).execute();
}

/** A snapshot's period, methodology and first publication, without its content. */
export interface SnapshotHeadRow {
  id: number;
  period: string;
  methodology_id: number | null;
  published_at: string | null;
}

/**
 * Every snapshot of a region, newest first, without content: a region's snapshots of
 * 20,000 units are a hundred megabytes each, read only for the one that is needed.
 */
export async function listSnapshotHeads(
  db: Kysely<Database>,
  regionId: number,
): Promise<SnapshotHeadRow[]> {
  const rows = await db
    .selectFrom('rating_snapshot as s')
    .select(['s.id', 's.period', 's.methodology_id'])
    .select(firstPublished)
    .where('s.region_id', '=', regionId)
    // Newest first by id, the order they were stored in: a column after the content (such as
    // created_at) is reached only through its overflow pages (8 MB at 2,500 units, each row).
    .orderBy('s.id', 'desc')
    .execute();
  return rows as SnapshotHeadRow[];
}

/** What links snapshots to their corrections, without their content. */
export interface SnapshotLinkRow {
  id: number;
  code: string;
  title: string;
  supersedes_id: number | null;
  errata_note: string | null;
  published_at: string | null;
}

/** Every snapshot's code, title, correction link and publication date (no content). */
export async function listSnapshotLinks(
  db: Kysely<Database>,
  regionId: number,
): Promise<SnapshotLinkRow[]> {
  const rows = await db
    .selectFrom('rating_snapshot as s')
    .select(['s.id', 's.code', 's.title', 's.supersedes_id', 's.errata_note'])
    .select(firstPublished)
    .where('s.region_id', '=', regionId)
    .orderBy('s.created_at')
    .execute();
  return rows as SnapshotLinkRow[];
}

/** How many publications the database holds: changes whenever something is (re)published. */
export async function countPublications(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('snapshot_publication')
    .select((e) => e.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A period's snapshots (drafts included) with their first publication, oldest first. */
export async function listPeriodSnapshots(
  db: Kysely<Database>,
  regionId: number,
  periods: string[],
) {
  return db
    .selectFrom('rating_snapshot as s')
    .leftJoin('snapshot_publication as p', 'p.snapshot_id', 's.id')
    .select(['s.id', 's.code', 's.title', 's.period', 's.as_of', 's.created_at', 's.content_hash'])
    .select(['p.published_at', 'p.published_by', 'p.note', 'p.override_reason'])
    .where('s.region_id', '=', regionId)
    .where('s.period', 'in', periods)
    .orderBy('s.created_at')
    .orderBy('p.id')
    .execute();
}
