import type { Kysely } from 'kysely';
import type { Database } from '../schema/index.js';
import { materializeFirstRevisions } from './observation-revision-repository.js';

export interface EnteredValue {
  municipalityId: number;
  indicatorId: number;
  period: string;
  value: number | null;
  /** The stored observation, if the value was recorded before. */
  existing: { id: number; value: number | null; revision: number } | null;
  source: string;
  author: string;
  at: string;
  /** The official's comment (e.g. why the value jumped), kept on the revision. */
  note: string | null;
}

/**
 * Writes one value typed into a form: a new observation with revision 1, or the next
 * revision of an existing one (old → new). Runs in the caller's transaction.
 */
/** Writes one typed value as a new revision; the observation's id. */
export async function writeEnteredValue(db: Kysely<Database>, v: EnteredValue): Promise<number> {
  let observationId: number;
  let revision: number;
  if (v.existing) {
    observationId = v.existing.id;
    revision = v.existing.revision + 1;
    if (revision === 2) await materializeFirstRevisions(db, [observationId]);
    await db
      .updateTable('observation')
      .set({
        value: v.value,
        revision,
        source: v.source,
        author: v.author,
        recorded_at: v.at,
        import_batch_id: null,
        source_row: null,
      })
      .where('id', '=', observationId)
      .execute();
  } else {
    revision = 1;
    ({ id: observationId } = await db
      .insertInto('observation')
      .values({
        municipality_id: v.municipalityId,
        indicator_id: v.indicatorId,
        period: v.period,
        value: v.value,
        source: v.source,
        author: v.author,
        recorded_at: v.at,
        revision,
        is_illustrative: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  }
  await db
    .insertInto('observation_revision')
    .values({
      observation_id: observationId,
      revision,
      old_value: v.existing?.value ?? null,
      new_value: v.value,
      source: v.source,
      author: v.author,
      changed_at: v.at,
      note: v.note,
      import_batch_id: null,
      source_row: null,
    })
    .execute();
  return observationId;
}

/** One value typed into a form, for `writeEnteredValues`. */
export interface TypedValue {
  indicatorId: number;
  period: string;
  value: number;
  /** The value it replaces as the form read it under the municipality's lock (null: none). */
  oldValue: number | null;
  /** An imported value whose first version has no revision row yet: written out first. */
  firstRevisionMissing: { observationId: number } | null;
  note: string | null;
}

/**
 * Writes the values typed into one municipality's form at once: one upsert of the
 * observations (a new one at revision 1, an existing one at its next revision) and one insert
 * of their revisions (old → new, with the note). Runs in the caller's transaction, which holds
 * the municipality's lock. Returns each written observation's id by indicator.
 */
export async function writeEnteredValues(
  db: Kysely<Database>,
  municipalityId: number,
  values: readonly TypedValue[],
  provenance: { source: string; author: string; at: string },
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  if (values.length === 0) return ids;
  const missing = values.flatMap((v) =>
    v.firstRevisionMissing ? [v.firstRevisionMissing.observationId] : [],
  );
  if (missing.length > 0) await materializeFirstRevisions(db, missing);
  const { source, author, at } = provenance;
  const written = await db
    .insertInto('observation')
    .values(
      values.map((v) => ({
        municipality_id: municipalityId,
        indicator_id: v.indicatorId,
        period: v.period,
        value: v.value,
        source,
        author,
        recorded_at: at,
        revision: 1,
        is_illustrative: 0,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['municipality_id', 'indicator_id', 'period']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        revision: eb('observation.revision', '+', 1),
        source: eb.ref('excluded.source'),
        author: eb.ref('excluded.author'),
        recorded_at: eb.ref('excluded.recorded_at'),
        import_batch_id: null,
        source_row: null,
      })),
    )
    .returning(['id', 'indicator_id', 'revision'])
    .execute();
  const byIndicator = new Map(written.map((w) => [w.indicator_id, w]));
  await db
    .insertInto('observation_revision')
    .values(
      values.map((v) => {
        const w = byIndicator.get(v.indicatorId);
        if (!w) throw new Error(`observation of indicator ${v.indicatorId} not written`);
        ids.set(v.indicatorId, w.id);
        return {
          observation_id: w.id,
          revision: w.revision,
          old_value: v.oldValue,
          new_value: v.value,
          source,
          author,
          changed_at: at,
          note: v.note,
          import_batch_id: null,
          source_row: null,
        };
      }),
    )
    .execute();
  return ids;
}

/** What an entry form shows of each indicator (its passport); the form's statement reads the same. */
export const FORM_INDICATOR_COLUMNS = [
  'id',
  'code',
  'name',
  'unit',
  'periodicity',
  'range_min',
  'range_max',
  'decimals',
  'formula',
] as const;

/** The region's indicator passports with their periodicity, for building forms. */
export async function listIndicatorPassports(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom('indicator')
    .select([...FORM_INDICATOR_COLUMNS, 'direction'])
    .where('region_id', '=', regionId)
    .orderBy('id')
    .execute();
}
