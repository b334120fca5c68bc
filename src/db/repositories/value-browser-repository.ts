import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';

export interface ValueFilter {
  regionId: number;
  /** Only these municipalities; null for every municipality of the region. */
  municipalityIds: number[] | null;
  indicatorId: number | null;
  /** Periods starting with this text: `2017` matches `2017-02`, `2017-Q1` and `2017-03-01`. */
  periodPrefix: string | null;
}

function filtered(db: Kysely<Database>, f: ValueFilter) {
  let query = db
    .selectFrom('observation as o')
    .innerJoin('municipality as m', 'm.id', 'o.municipality_id')
    .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
    .where('m.region_id', '=', f.regionId);
  if (f.municipalityIds !== null) query = query.where('o.municipality_id', 'in', f.municipalityIds);
  if (f.indicatorId !== null) query = query.where('o.indicator_id', '=', f.indicatorId);
  // The prefix is checked against a strict pattern before it gets here: no LIKE wildcards.
  if (f.periodPrefix !== null) query = query.where('o.period', 'like', `${f.periodPrefix}%`);
  return query;
}

export async function countCurrentValues(db: Kysely<Database>, f: ValueFilter): Promise<number> {
  if (f.municipalityIds?.length === 0) return 0;
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of current values in registry order: municipality, indicator, period. */
export async function listCurrentValues(
  db: Kysely<Database>,
  f: ValueFilter,
  page: { limit: number; offset: number },
) {
  if (f.municipalityIds?.length === 0) return [];
  // An imported value carries no provenance text of its own: it names its batch.
  return filtered(db, f)
    .leftJoin('import_batch as b', 'b.id', 'o.import_batch_id')
    .select([
      'o.id',
      'o.period',
      'o.value',
      'o.source',
      'o.author',
      'o.recorded_at',
      'o.revision',
      'b.id as batch_id',
      'b.file_name as batch_file_name',
      'b.source_system as batch_source_system',
      'b.author as batch_author',
      'b.imported_at as batch_imported_at',
      'm.id as municipality_id',
      'm.code as municipality_code',
      'm.name as municipality_name',
      'm.kind as municipality_kind',
      'i.code as indicator_code',
      'i.name as indicator_name',
      'i.unit as indicator_unit',
      'i.decimals as indicator_decimals',
    ])
    .orderBy('m.id')
    .orderBy('i.id')
    .orderBy('o.period')
    .orderBy('o.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
