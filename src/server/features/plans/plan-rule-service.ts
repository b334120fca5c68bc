import type { Kysely } from 'kysely';
import { lockForWrite } from '../../../db/lock-for-write.js';
import { insertPlanTarget } from '../../../db/repositories/plan-repository.js';
import {
  deletePlanRule,
  findPlanRule,
  findPlanTarget,
  insertPlanRule,
  setPlanTargetByHand,
  updatePlanRule,
} from '../../../db/repositories/plan-rule-repository.js';
import { insertReferenceRevisions } from '../../../db/repositories/reference-import-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type {
  ManualTargetInput,
  PlanRuleInput,
  PlanTargets,
} from '../../../domain/plan-targets.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import { actorLabel } from '../access/actor.js';
import { type AuditContext, recordAudit } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityByCode } from '../registry/municipality-refs.js';
import { planIndicator, planTargetsOf, requirePlanYear } from './plan-targets-service.js';

const MANUAL_SOURCE = 'задано вручную';

/** The rule as stored, or a 400 naming the field that does not fit its kind. */
async function checkedRule(
  db: Kysely<Database>,
  regionId: number,
  input: PlanRuleInput,
): Promise<{
  kind: PlanRuleInput['kind'];
  value: number;
  reference_kind: 'population' | 'econ_active_14_72' | null;
  monthly_indicator_id: number;
}> {
  const referenceKind = input.referenceKind ?? null;
  if (input.kind === 'share' && referenceKind === null)
    throw new RequestError(
      400,
      'invalid_rule',
      'Поле referenceKind: для правила «доля справочного значения» укажите справочное значение (population или econ_active_14_72).',
    );
  if (input.kind === 'share' && input.value > 100)
    throw new RequestError(400, 'invalid_rule', `Поле value: доля ${input.value} % больше 100 %.`);
  const monthly = await planIndicator(db, regionId, input.monthlyIndicator).catch(() => null);
  if (monthly === null || monthly.periodicity !== 'monthly')
    throw new RequestError(
      400,
      'invalid_rule',
      `Поле monthlyIndicator: «${input.monthlyIndicator}» — не ежемесячный показатель региона.`,
    );
  return {
    kind: input.kind,
    value: input.value,
    reference_kind: input.kind === 'share' ? referenceKind : null,
    monthly_indicator_id: monthly.id,
  };
}

const ruleAudit = (
  rule: { kind: string; value: number; reference_kind: string | null },
  monthlyIndicator: string,
) => ({ kind: rule.kind, value: rule.value, referenceKind: rule.reference_kind, monthlyIndicator });

/**
 * Sets the rule of an indicator's targets for a year (region-wide: the department's), or with
 * `input` null removes it (targets set by hand and stored ones stay); audited with the rule
 * before and after. Concurrent changes are applied one after another.
 */
export async function setPlanRule(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  year: number,
  input: PlanRuleInput | null,
  context: AuditContext,
): Promise<PlanTargets> {
  const entityId = `${indicatorCode}/${year}`;
  const action = input === null ? 'plan_rule.delete' : 'plan_rule.set';
  authorize(context.actor, 'reference.write', {
    entityType: 'plan_rule',
    entityId,
    attempt: action,
  });
  requirePlanYear(year);
  const indicator = await planIndicator(db, regionId, indicatorCode);
  const rule = input === null ? null : await checkedRule(db, regionId, input);
  const stamp = { updated_at: context.at.toISOString(), updated_by: actorLabel(context.actor) };
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'indicatorPlanRule', indicator.id);
    const before = await findPlanRule(trx, indicator.id, year);
    if (rule === null) {
      if (!before)
        throw new NotFoundError(
          `Правило целевых показателей «${indicatorCode}» на ${year} год не задано`,
        );
      await deletePlanRule(trx, before.id);
    } else if (before) await updatePlanRule(trx, before.id, { ...rule, ...stamp });
    else
      await insertPlanRule(trx, {
        region_id: regionId,
        indicator_id: indicator.id,
        year,
        ...rule,
        ...stamp,
      });
    await recordAudit(trx, {
      context,
      action,
      entityType: 'plan_rule',
      entityId,
      before: before && ruleAudit(before, before.monthly_indicator_code),
      after: rule && input && ruleAudit(rule, input.monthlyIndicator),
    });
  });
  return planTargetsOf(db, regionId, indicatorCode, year);
}

/**
 * Sets one municipality's target by hand (it wins over the rule and is marked so), with its
 * start-of-year value when given; the change is a reference revision and an audit event.
 * `target: null` hands the municipality back to the rule.
 */
export async function setManualTarget(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  year: number,
  municipalityCode: string,
  input: ManualTargetInput | null,
  context: AuditContext,
): Promise<PlanTargets> {
  requirePlanYear(year);
  const municipality = await municipalityByCode(db, regionId, municipalityCode);
  const action = input === null ? 'plan_target.clear' : 'plan_target.set';
  const entityId = `${indicatorCode}/${year}/${municipalityCode}`;
  authorize(context.actor, 'reference.write', {
    municipalityId: municipality.id,
    entityType: 'plan_target',
    entityId,
    attempt: action,
  });
  const indicator = await planIndicator(db, regionId, indicatorCode);
  const author = actorLabel(context.actor);
  const at = context.at.toISOString();
  await db.transaction().execute(async (trx) => {
    await lockForWrite(trx, 'municipalityData', municipality.id);
    const before = await findPlanTarget(trx, municipality.id, indicator.id, year);
    const beforeView = before && {
      target: before.target_value,
      startOfYear: before.start_value,
      setByHand: before.set_by_hand === 1,
    };
    if (input === null) {
      if (before?.set_by_hand !== 1 || before === null)
        throw new NotFoundError(
          `У «${municipality.name}» нет заданного вручную целевого показателя на ${year} год`,
        );
      await setPlanTargetByHand(trx, before.id, {
        target_value: before.target_value,
        start_value: before.start_value,
        set_by_hand: 0,
        source: MANUAL_SOURCE,
      });
    } else {
      const start =
        input.startOfYear === undefined ? (before?.start_value ?? null) : input.startOfYear;
      const values = {
        target_value: input.target,
        start_value: start,
        set_by_hand: 1,
        source: MANUAL_SOURCE,
      };
      if (before) await setPlanTargetByHand(trx, before.id, values);
      else
        await insertPlanTarget(trx, {
          municipality_id: municipality.id,
          indicator_id: indicator.id,
          year,
          rule: null,
          is_illustrative: 0,
          ...values,
        });
      const revision = {
        municipality_id: municipality.id,
        year,
        indicator_id: indicator.id,
        source: MANUAL_SOURCE,
        author,
        changed_at: at,
        import_batch_id: null,
        source_row: null,
      };
      await insertReferenceRevisions(trx, [
        ...(before?.target_value === input.target
          ? []
          : [
              {
                ...revision,
                kind: 'target' as const,
                old_value: before?.target_value ?? null,
                new_value: input.target,
              },
            ]),
        ...(start === null || start === (before?.start_value ?? null)
          ? []
          : [
              {
                ...revision,
                kind: 'target_start' as const,
                old_value: before?.start_value ?? null,
                new_value: start,
              },
            ]),
      ]);
    }
    await recordAudit(trx, {
      context,
      action,
      entityType: 'plan_target',
      entityId,
      before: beforeView,
      after:
        input === null
          ? { ...beforeView, setByHand: false }
          : {
              target: input.target,
              startOfYear: input.startOfYear ?? before?.start_value ?? null,
              setByHand: true,
            },
    });
  });
  return planTargetsOf(db, regionId, indicatorCode, year);
}
