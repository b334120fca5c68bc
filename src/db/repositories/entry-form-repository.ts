import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import * as postgresJson from 'kysely/helpers/postgres';
import * as sqliteJson from 'kysely/helpers/sqlite';
import { dialectOf } from '../dialect-of.js';
import { prepareOnPostgres } from '../prepared-statements.js';
import type { Database } from '../schema/index.js';
import type { IndicatorTable } from '../schema/indicator.js';
import type { ReferenceValueTable } from '../schema/reference-value.js';
import type { SubmissionEventTable, SubmissionTable } from '../schema/submission.js';
import { FORM_INDICATOR_COLUMNS } from './entry-observation-repository.js';

/** What one municipality's form for a period is built from, read by one statement. */
export interface EntryFormRows {
  /** The region's indicator passports, by id. */
  indicators: Pick<Selectable<IndicatorTable>, (typeof FORM_INDICATOR_COLUMNS)[number]>[];
  /**
   * The municipality's values of the region's indicators in the asked periods, each with the
   * note of its current revision; `revision_stored` is 0 for an imported value whose first
   * version lives only in its observation row.
   */
  observations: {
    id: number;
    indicator_id: number;
    period: string;
    value: number | null;
    revision: number;
    note: string | null;
    revision_stored: number;
  }[];
  references: Pick<Selectable<ReferenceValueTable>, 'kind' | 'value'>[];
  submission: Pick<
    Selectable<SubmissionTable>,
    'id' | 'status' | 'comment' | 'submitted_at'
  > | null;
  history: Pick<
    Selectable<SubmissionEventTable>,
    'from_status' | 'to_status' | 'actor' | 'at' | 'comment'
  >[];
  /** The stored setting `settingKey`, as text. */
  setting: string | null;
}

/** The stored periods a form reads: current and previous, each as a month and as a day. */
const PERIODS = 4;

export interface EntryFormKey {
  regionId: number;
  municipalityId: number;
  period: string;
  /** Stored periods whose values the form may show (current and previous, all kinds): 4. */
  periods: string[];
  referenceYear: number;
  settingKey: string;
}

/** Values no real key holds, to find each field's parameters in the compiled statement. */
const STAND_IN: EntryFormKey = {
  regionId: -7_000_001,
  municipalityId: -7_000_002,
  period: '\u0000period',
  periods: ['\u0000p0', '\u0000p1', '\u0000p2', '\u0000p3'],
  referenceYear: -7_000_003,
  settingKey: '\u0000setting',
};

interface FormRow {
  indicators: unknown;
  observations: unknown;
  references: unknown;
  submission: unknown;
  history: unknown;
  setting: string | null;
}

/**
 * The form's statement, compiled once per dialect: building this nested query costs the
 * server more than running it (SQLite: about 0.1 ms against 0.02 ms).
 */
const compiledForms = new Map<
  string,
  { compiled: CompiledQuery<FormRow>; parameters: ((k: EntryFormKey) => unknown)[] }
>();

function formQuery(db: Kysely<Database>, key: EntryFormKey) {
  const { jsonArrayFrom, jsonObjectFrom } = dialectOf(db) === 'sqlite' ? sqliteJson : postgresJson;
  return db.selectNoFrom((eb) => [
    jsonArrayFrom(
      eb
        .selectFrom('indicator')
        .select(FORM_INDICATOR_COLUMNS)
        .where('region_id', '=', key.regionId)
        .orderBy('id'),
    ).as('indicators'),
    jsonArrayFrom(
      eb
        .selectFrom('observation as o')
        .innerJoin('indicator as i', 'i.id', 'o.indicator_id')
        .leftJoin('observation_revision as r', (join) =>
          join.onRef('r.observation_id', '=', 'o.id').onRef('r.revision', '=', 'o.revision'),
        )
        .select((o) => [
          'o.id',
          'o.indicator_id',
          'o.period',
          'o.value',
          'o.revision',
          'r.note',
          o.fn.coalesce('r.revision', o.lit(0)).as('revision_stored'),
        ])
        .where('i.region_id', '=', key.regionId)
        .where('o.municipality_id', '=', key.municipalityId)
        .where('o.period', 'in', key.periods),
    ).as('observations'),
    jsonArrayFrom(
      eb
        .selectFrom('reference_value')
        .select(['kind', 'value'])
        .where('municipality_id', '=', key.municipalityId)
        .where('year', '=', key.referenceYear),
    ).as('references'),
    jsonObjectFrom(
      eb
        .selectFrom('submission')
        .select(['id', 'status', 'comment', 'submitted_at'])
        .where('municipality_id', '=', key.municipalityId)
        .where('period', '=', key.period),
    ).as('submission'),
    jsonArrayFrom(
      eb
        .selectFrom('submission_event as e')
        .innerJoin('submission as s', 's.id', 'e.submission_id')
        .select(['e.from_status', 'e.to_status', 'e.actor', 'e.at', 'e.comment'])
        .where('s.municipality_id', '=', key.municipalityId)
        .where('s.period', '=', key.period)
        .orderBy('e.id'),
    ).as('history'),
    eb.selectFrom('app_setting').select('value').where('key', '=', key.settingKey).as('setting'),
  ]);
}

/**
 * Everything a form shows, in one round trip: a form is opened, saved and submitted by every
 * official on a deadline day, and each statement costs the database a wake-up and a parse.
 * The lists come back as JSON (json_agg on PostgreSQL, json_group_array on SQLite).
 */
export async function readEntryFormRows(
  db: Kysely<Database>,
  key: EntryFormKey,
): Promise<EntryFormRows> {
  if (key.periods.length !== PERIODS)
    throw new Error(`readEntryFormRows: ${PERIODS} periods expected, got ${key.periods.length}`);
  const dialect = dialectOf(db);
  let prepared = compiledForms.get(dialect);
  if (!prepared) {
    // Compiled once with a stand-in for each key field, whose places in the parameters
    // then say where each call's values go.
    const compiled = formQuery(db, STAND_IN).compile();
    const places = new Map<unknown, (k: EntryFormKey) => unknown>([
      [STAND_IN.regionId, (k) => k.regionId],
      [STAND_IN.municipalityId, (k) => k.municipalityId],
      [STAND_IN.period, (k) => k.period],
      [STAND_IN.referenceYear, (k) => k.referenceYear],
      [STAND_IN.settingKey, (k) => k.settingKey],
      ...STAND_IN.periods.map((p, i) => [p, (k: EntryFormKey) => k.periods[i]] as const),
    ]);
    prepared = {
      compiled,
      parameters: compiled.parameters.map((p) => places.get(p) ?? (() => p)),
    };
    compiledForms.set(dialect, prepared);
    prepareOnPostgres(compiled.sql);
  }
  const { compiled, parameters } = prepared;
  const { rows } = await db.executeQuery<FormRow>({
    ...compiled,
    parameters: parameters.map((value) => value(key)),
  });
  const row = rows[0];
  if (!row) throw new Error('readEntryFormRows: no row');
  // SQLite hands the JSON over as text; pg parses json columns itself.
  const parsed = <T>(value: unknown): T =>
    (typeof value === 'string' ? JSON.parse(value) : value) as T;
  return {
    indicators: parsed(row.indicators),
    observations: parsed(row.observations),
    references: parsed(row.references),
    submission: parsed(row.submission) ?? null,
    history: parsed(row.history),
    setting: row.setting ?? null,
  };
}
