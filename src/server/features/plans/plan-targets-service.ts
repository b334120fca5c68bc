import type { Kysely } from 'kysely';
import { listMunicipalityRefs } from '../../../db/repositories/municipality-repository.js';
import { listPlanTargetValues } from '../../../db/repositories/plan-repository.js';
import {
  findIndicatorByCode,
  findPlanRule,
  type PlanRuleRow,
} from '../../../db/repositories/plan-rule-repository.js';
import { listReferenceValues } from '../../../db/repositories/reference-value-repository.js';
import type { Database } from '../../../db/schema/index.js';
import type { MunicipalityRef } from '../../../domain/municipality.js';
import {
  type PlanRule,
  type PlanTargetProblem,
  type PlanTargetRow,
  type PlanTargets,
  REFERENCE_KIND_LABELS,
} from '../../../domain/plan-targets.js';
import { formatNumberRu } from '../../../domain/russian-number-format.js';
import { computeTargets, type TargetGap } from '../../../engine/plan-targets.js';
import { NotFoundError } from '../../http-errors.js';
import { RequestError } from '../access/access-errors.js';
import type { AuditContext } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityRefOf } from '../registry/municipality-refs.js';

export function requirePlanYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new RequestError(
      400,
      'invalid_year',
      `Поле year: год «${year}» вне диапазона 2000–2100.`,
    );
}

/** The region's indicator a plan is set on, or a 404 naming it. */
export async function planIndicator(db: Kysely<Database>, regionId: number, code: string) {
  const indicator = await findIndicatorByCode(db, regionId, code);
  if (!indicator) throw new NotFoundError(`Показатель «${code}» не найден`);
  return indicator;
}

/** A rule in words, e.g. «20 % — экономически активное население 14–72 лет». */
export function describeRule(rule: Pick<PlanRuleRow, 'kind' | 'value' | 'reference_kind'>): string {
  const value = formatNumberRu(rule.value, Number.isInteger(rule.value) ? 0 : 2);
  switch (rule.kind) {
    case 'share':
      return `${value} % — ${REFERENCE_KIND_LABELS[rule.reference_kind ?? 'population']}`;
    case 'absolute':
      return `${value} к концу года`;
    case 'growth':
      return `прирост ${value} % к значению на начало года`;
  }
}

export const planRuleView = (row: PlanRuleRow): PlanRule => ({
  kind: row.kind,
  value: row.value,
  referenceKind: row.reference_kind,
  monthlyIndicator: row.monthly_indicator_code,
  description: describeRule(row),
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
});

const validIn = (year: number) => (m: { valid_from: string | null; valid_to: string | null }) =>
  (m.valid_from === null || m.valid_from <= `${year}-12-31`) &&
  (m.valid_to === null || m.valid_to >= `${year}-01-01`);

function gapMessage(gap: TargetGap, year: number, rule: PlanRuleRow | null): string {
  switch (gap) {
    case 'reference':
      return `нет значения «${REFERENCE_KIND_LABELS[rule?.reference_kind ?? 'population']}» за ${year} год — целевой показатель по правилу не рассчитан.`;
    case 'start':
      return `нет значения на начало ${year} года — целевой показатель по правилу прироста не рассчитан.`;
    case 'rule':
      return `нет ни правила, ни заданного вручную целевого показателя на ${year} год.`;
  }
}

/**
 * Every municipality's target of an indicator for a year, computed now from the rule and the
 * reference data (so a changed population moves the targets at once), a hand-set target
 * winning. With a rule, every municipality of the region valid in the year is planned and
 * those lacking an input are named in `problems`; without one, those with a stored target.
 * No authorisation: the read model for pages, the CLI and documents.
 */
export async function resolvePlanTargets(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  year: number,
): Promise<PlanTargets & { ruleRow: PlanRuleRow | null; indicatorId: number }> {
  requirePlanYear(year);
  const indicator = await planIndicator(db, regionId, indicatorCode);
  const ruleRow = await findPlanRule(db, indicator.id, year);
  const [stored, municipalities, referenceRows] = await Promise.all([
    listPlanTargetValues(db, regionId, indicator.id, year),
    listMunicipalityRefs(db, regionId),
    ruleRow?.reference_kind
      ? listReferenceValues(db, regionId, year, ruleRow.reference_kind)
      : Promise.resolve([]),
  ]);
  const storedOf = new Map(stored.map((t) => [t.municipality_id, t]));
  const referenceOf = new Map(referenceRows.map((r) => [r.municipality_id, r]));
  const refOf = new Map<number, MunicipalityRef>(
    municipalities.map((m) => [m.id, municipalityRefOf(m)]),
  );
  // The stored rows first in the order entered (the source's order), then the rest by name.
  const planned = [
    ...stored.map((t) => t.municipality_id),
    ...(ruleRow === null
      ? []
      : municipalities.filter(validIn(year)).flatMap((m) => (storedOf.has(m.id) ? [] : [m.id]))),
  ];
  const results = computeTargets(
    ruleRow === null ? null : { kind: ruleRow.kind, value: ruleRow.value },
    planned.map((id) => {
      const s = storedOf.get(id);
      const handSet = s?.set_by_hand === 1;
      return {
        municipalityId: id,
        reference: ruleRow?.kind === 'share' ? (referenceOf.get(id)?.value ?? null) : null,
        startOfYear: s?.start_value ?? null,
        manual: handSet ? (s?.target_value ?? null) : null,
        stored: !handSet ? (s?.target_value ?? null) : null,
      };
    }),
  );
  const rows: PlanTargetRow[] = [];
  const problems: PlanTargetProblem[] = [];
  for (const r of results) {
    const municipality = refOf.get(r.municipalityId);
    if (!municipality) continue;
    const ref = ruleRow?.kind === 'share' ? referenceOf.get(r.municipalityId) : undefined;
    rows.push({
      municipality,
      startOfYear: storedOf.get(r.municipalityId)?.start_value ?? null,
      reference: ref
        ? {
            value: ref.value,
            illustrative: ref.is_illustrative === 1,
            derivedFrom: ref.derived_from,
          }
        : null,
      ruleTarget: r.ruleTarget,
      target: r.target,
      origin: r.origin,
    });
    if (r.target === null)
      problems.push({ municipality, message: gapMessage(r.missing, year, ruleRow) });
  }
  return {
    indicatorCode: indicator.code,
    indicatorName: indicator.name,
    indicatorId: indicator.id,
    year,
    rule: ruleRow === null ? null : planRuleView(ruleRow),
    ruleRow,
    rows,
    problems,
  };
}

/** The targets as the API shows them, without authorisation (writers and documents). */
export async function planTargetsOf(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  year: number,
): Promise<PlanTargets> {
  const {
    ruleRow: _row,
    indicatorId: _id,
    ...targets
  } = await resolvePlanTargets(db, regionId, indicatorCode, year);
  return targets;
}

/** `GET /api/plans/{indicator}/{year}/targets`: the targets, for those who read summaries. */
export async function getPlanTargets(
  db: Kysely<Database>,
  regionId: number,
  indicatorCode: string,
  year: number,
  context: AuditContext,
): Promise<PlanTargets> {
  authorize(context.actor, 'summaries.read', {
    entityType: 'plan_targets',
    entityId: `${indicatorCode}/${year}`,
    attempt: 'plan-targets.read',
  });
  return planTargetsOf(db, regionId, indicatorCode, year);
}
