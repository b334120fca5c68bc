import type { Kysely } from 'kysely';
import { listTolerances, saveTolerance } from '../../../db/repositories/crosscheck-repository.js';
import type { Database } from '../../../db/schema/index.js';
import {
  type CrossCheckTolerance,
  type ToleranceInput,
  toleranceProblems,
} from '../../../domain/cross-check.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';

/** Every entered (not derived) indicator of the region with its tolerance, if set. */
export async function crossCheckTolerances(
  db: Kysely<Database>,
  regionId: number,
  context: AuditContext,
): Promise<CrossCheckTolerance[]> {
  authorize(context.actor, 'data.approve', { entityType: 'crosscheck_tolerance' });
  return (await listTolerances(db, regionId))
    .filter((t) => t.formula === null)
    .map((t) => ({
      indicatorCode: t.code,
      indicatorName: t.name,
      unit: t.unit,
      absolute: t.absolute,
      relativePercent: t.relative_percent,
      updatedBy: t.updated_by,
      updatedAt: t.updated_at,
    }));
}

/**
 * Sets how far an extract may differ from a report for one indicator; bad input is refused
 * naming the field and nothing is written. Audited with the tolerance before and after.
 */
export async function setCrossCheckTolerance(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  input: ToleranceInput,
  context: AuditContext,
): Promise<CrossCheckTolerance> {
  authorize(context.actor, 'data.approve', {
    entityType: 'crosscheck_tolerance',
    entityId: indicatorCode,
  });
  const problems = toleranceProblems(input);
  if (problems.length > 0)
    throw new RequestError(400, 'invalid_tolerance', problems.map((p) => p.message).join(' '));
  return db.transaction().execute(async (trx) => {
    const current = (await listTolerances(trx, regionId)).find(
      (t) => t.code === indicatorCode && t.formula === null,
    );
    if (!current)
      throw new RequestError(
        404,
        'not_found',
        `Вводимого показателя с кодом «${indicatorCode}» нет в реестре.`,
      );
    const updatedBy = actorLabel(context.actor);
    const updatedAt = context.at.toISOString();
    await saveTolerance(trx, {
      indicator_id: current.indicator_id,
      absolute: input.absolute,
      relative_percent: input.relativePercent,
      updated_at: updatedAt,
      updated_by: updatedBy,
    });
    await recordAudit(trx, {
      context,
      action: 'crosscheck.tolerance',
      entityType: 'indicator',
      entityId: indicatorCode,
      before: { absolute: current.absolute, relativePercent: current.relative_percent },
      after: { absolute: input.absolute, relativePercent: input.relativePercent },
    });
    return {
      indicatorCode,
      indicatorName: current.name,
      unit: current.unit,
      absolute: input.absolute,
      relativePercent: input.relativePercent,
      updatedBy,
      updatedAt,
    };
  });
}
