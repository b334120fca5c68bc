import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import {
  findIndicatorByCode,
  insertIndicator,
  updateIndicator,
} from '../../../db/repositories/indicator-repository.js';
import {
  findPublishedUse,
  insertIndicatorVersion,
} from '../../../db/repositories/indicator-version-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  FormulaCheckResult,
  IndicatorEdit,
  IndicatorPassportFields,
  IndicatorView,
  NewIndicator,
} from '../../../domain/indicator-passport.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { cleanIndicatorCode, cleanPassport, indicatorFieldError } from './indicator-input.js';
import {
  checkRegionFormula,
  indicatorRow,
  indicatorViewOf,
  passportOf,
} from './indicator-views.js';

/** Analysts and administrators manage passports; `attempt` names the action for the audit trail. */
const manageIndicators = (context: AuditContext, code: string, attempt: string) =>
  authorize(context.actor, 'indicators.manage', {
    entityType: 'indicator',
    entityId: code,
    attempt,
  });

const columnsOf = (p: IndicatorPassportFields) => ({
  name: p.name,
  unit: p.unit,
  direction: p.direction,
  periodicity: p.periodicity,
  source_system: p.sourceSystem,
  range_min: p.rangeMin,
  range_max: p.rangeMax,
  decimals: p.decimals,
  description: p.description,
  formula: p.formula,
});

async function requireGoodFormula(
  trx: Kysely<Database>,
  regionId: number,
  code: string,
  formula: string | null,
): Promise<void> {
  if (formula === null) return;
  const check = await checkRegionFormula(trx, regionId, code, formula);
  if (!check.ok) throw new RequestError(400, 'invalid_field', check.message as string);
}

/** Checks a formula as it is typed; nothing is written. */
export async function checkIndicatorFormula(
  db: Kysely<Database>,
  regionId: number,
  input: { code: string; formula: string },
  context: AuditContext,
): Promise<FormulaCheckResult> {
  manageIndicators(context, input.code, 'indicator.formula-check');
  return checkRegionFormula(db, regionId, input.code.trim(), input.formula);
}

/** One passport with its history (staff). */
export async function readIndicator(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  context: AuditContext,
): Promise<IndicatorView> {
  manageIndicators(context, code, 'indicator.read');
  return indicatorViewOf(db, regionId, code);
}

/** Adds a passport (analysts, administrators), audited. */
export async function createIndicator(
  db: Kysely<Database>,
  regionId: number,
  input: NewIndicator,
  context: AuditContext,
): Promise<IndicatorView> {
  manageIndicators(context, input.code, 'indicator.create');
  const code = cleanIndicatorCode(input.code);
  const passport = cleanPassport(input);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionIndicators', regionId);
    if (await findIndicatorByCode(trx, regionId, code))
      throw indicatorFieldError('code', `показатель с кодом «${code}» уже есть.`, 409);
    await requireGoodFormula(trx, regionId, code, passport.formula);
    await insertIndicator(trx, {
      region_id: regionId,
      code,
      ...columnsOf(passport),
      updated_at: context.at.toISOString(),
      updated_by: actorLabel(context.actor),
    });
    const after = await indicatorViewOf(trx, regionId, code);
    await recordAudit(trx, {
      context,
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: code,
      after,
    });
    return after;
  });
}

/**
 * Replaces a passport, audited; each edit starts the next version. When a published rating's
 * methodology uses the code, the passport as it was is kept, readable, as in force until now.
 */
export async function editIndicator(
  db: Kysely<Database>,
  regionId: number,
  code: string,
  input: IndicatorEdit,
  context: AuditContext,
): Promise<IndicatorView> {
  manageIndicators(context, code, 'indicator.update');
  const { expectedVersion, ...fields } = input;
  const passport = cleanPassport(fields);
  return db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'regionIndicators', regionId);
    const row = await indicatorRow(trx, regionId, code);
    if (expectedVersion !== undefined && expectedVersion !== row.version)
      throw new RequestError(
        409,
        'conflict',
        `Паспорт «${code}» уже изменён (${row.updated_by ?? 'другим пользователем'}): сейчас действует версия ${row.version}, а вы правили версию ${expectedVersion}. Обновите страницу и внесите изменения снова.`,
      );
    await requireGoodFormula(trx, regionId, code, passport.formula);
    const before = await indicatorViewOf(trx, regionId, code);
    const at = context.at.toISOString();
    const usedBy = await findPublishedUse(trx, regionId, code);
    if (usedBy !== null) {
      await insertIndicatorVersion(trx, {
        indicator_id: row.id,
        version: row.version,
        valid_from: row.valid_from,
        valid_to: at,
        passport: JSON.stringify(passportOf(row)),
        snapshot_code: usedBy,
        replaced_by: actorLabel(context.actor),
      });
    }
    await updateIndicator(trx, row.id, {
      ...columnsOf(passport),
      version: row.version + 1,
      valid_from: at,
      updated_at: at,
      updated_by: actorLabel(context.actor),
    });
    const after = await indicatorViewOf(trx, regionId, code);
    await recordAudit(trx, {
      context,
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: code,
      before: { ...before, versions: undefined },
      after: { ...after, versions: undefined },
      detail:
        usedBy === null ? null : `новая версия ${row.version + 1}; прежняя сохранена (${usedBy})`,
    });
    return after;
  });
}
