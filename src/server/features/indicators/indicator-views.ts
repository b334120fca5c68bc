import type { Kysely } from 'kysely';
import {
  findIndicatorByCode,
  type IndicatorRow,
  listIndicatorFormulas,
} from '../../../db/repositories/indicator-repository.js';
import {
  findPublishedUse,
  listIndicatorVersions,
} from '../../../db/repositories/indicator-version-repository.js';
import type { Database } from '../../../db/schema/index.js';
import { REFERENCE_KINDS } from '../../../db/schema/reference-value.js';
import { checkFormula } from '../../../domain/check-formula.js';
import type {
  FormulaCheckResult,
  IndicatorPassportFields,
  IndicatorView,
} from '../../../domain/indicator-passport.js';
import { NotFoundError } from '../../http-errors.js';

export const passportOf = (row: IndicatorRow): IndicatorPassportFields => ({
  name: row.name,
  unit: row.unit,
  direction: row.direction,
  periodicity: row.periodicity,
  sourceSystem: row.source_system,
  rangeMin: row.range_min,
  rangeMax: row.range_max,
  decimals: row.decimals,
  description: row.description,
  formula: row.formula,
});

export async function indicatorRow(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<IndicatorRow> {
  const row = await findIndicatorByCode(db, regionId, code);
  if (!row) throw new NotFoundError(`Показатель «${code}» не найден`);
  return row;
}

/** A passport with its earlier versions and the published rating that uses it, if any. */
export async function indicatorViewOf(
  db: Kysely<Database>,
  regionId: number,
  code: string,
): Promise<IndicatorView> {
  const row = await indicatorRow(db, regionId, code);
  const versions = await listIndicatorVersions(db, row.id);
  return {
    code: row.code,
    ...passportOf(row),
    version: row.version,
    validFrom: row.valid_from,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    usedBySnapshot: await findPublishedUse(db, regionId, row.code),
    versions: versions.map((v) => ({
      version: v.version,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      snapshotCode: v.snapshot_code,
      replacedBy: v.replaced_by,
      passport: JSON.parse(v.passport) as IndicatorPassportFields,
    })),
  };
}

/** Checks `formula` as the formula of `code` against the region's indicators as stored. */
export async function checkRegionFormula(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  formula: string,
): Promise<FormulaCheckResult> {
  const formulas = new Map(
    (await listIndicatorFormulas(db, regionId)).map((r) => [r.code, r.formula] as const),
  );
  return checkFormula(code, formula, formulas, REFERENCE_KINDS);
}
