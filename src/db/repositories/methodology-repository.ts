import type { Insertable, Kysely, Selectable } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json.js';
import type { Methodology } from '../../domain/methodology.js';
import { contentHash } from '../content-hash.js';
import type { Database } from '../schema/index.js';
import type { MethodologyTable } from '../schema/methodology.js';

export type MethodologyRow = Selectable<MethodologyTable>;

export async function findMethodology(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  version: string,
): Promise<MethodologyRow | null> {
  const row = await db
    .selectFrom('methodology')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ?? null;
}

export async function findMethodologyById(
  db: Kysely<Database>,
  id: number,
): Promise<MethodologyRow | null> {
  const row = await db
    .selectFrom('methodology')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertMethodology(
  db: Kysely<Database>,
  values: Insertable<MethodologyTable>,
): Promise<number> {
  const row = await db
    .insertInto('methodology')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every stored methodology version of a region, by code then newest version first. */
export async function listMethodologies(
  db: Kysely<Database>,
  regionId: number,
): Promise<MethodologyRow[]> {
  return db
    .selectFrom('methodology')
    .selectAll()
    .where('region_id', '=', regionId)
    .orderBy('code')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The methodology's stored row: inserted on first use; a version already stored with other
 * content is refused (a methodology version never changes once a rating used it).
 */
export async function storeMethodology(
  db: Kysely<Database>,
  regionId: number,
  m: Methodology,
): Promise<number> {
  const definition = canonicalJson(m);
  const hash = contentHash(definition);
  const existing = await findMethodology(db, regionId, m.code, String(m.version));
  if (existing) {
    if (existing.content_hash !== hash)
      throw new Error(
        `Методика «${m.code}» версии ${m.version} уже сохранена с другим содержанием: ` +
          'измените номер версии',
      );
    return existing.id;
  }
  return insertMethodology(db, {
    region_id: regionId,
    code: m.code,
    version: String(m.version),
    title: m.title,
    effective_from: m.effectiveFrom,
    definition,
    content_hash: hash,
    created_at: new Date().toISOString(),
  });
}

/** Every stored version of one methodology, highest version number first. */
export async function listMethodologyVersions(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<MethodologyRow[]> {
  const rows = await db
    .selectFrom('methodology')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('code', '=', code)
    .execute();
  // Versions are stored as text: "10" sorts after "9" only as a number.
  return rows.sort((a, b) => Number(b.version) - Number(a.version) || b.id - a.id);
}
