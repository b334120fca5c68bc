/**
 * How a year's target is set for every municipality at once:
 * - `share`: a percentage of a reference value (the 2017 seed: 20 % of the economically active
 *   population aged 14–72 registered by year end);
 * - `absolute`: the same cumulative value for every municipality;
 * - `growth`: a percentage over the municipality's own start-of-year value.
 */
export type PlanRuleKind = 'share' | 'absolute' | 'growth';

export interface PlanRuleSpec {
  kind: PlanRuleKind;
  /** Percent for `share` and `growth`, the cumulative target itself for `absolute`. */
  value: number;
}

export interface TargetUnitInput {
  municipalityId: number;
  /** The reference value the rule is a share of (only `share` reads it). */
  reference: number | null;
  startOfYear: number | null;
  /** A target set by hand for this municipality: it wins over the rule. */
  manual: number | null;
  /** A target stored without being set by hand (as a source gave it): used only without a rule. */
  stored: number | null;
}

export type TargetOrigin = 'manual' | 'rule' | 'stored';
/** What a municipality lacks for a target: the rule's reference value, its start value, a rule. */
export type TargetGap = 'reference' | 'start' | 'rule';

export type TargetResult =
  | { municipalityId: number; target: number; origin: TargetOrigin; ruleTarget: number | null }
  | { municipalityId: number; target: null; origin: null; ruleTarget: null; missing: TargetGap };

/** The target a rule gives one municipality, or what it lacks to give one. */
export function ruleTarget(
  rule: PlanRuleSpec,
  unit: Pick<TargetUnitInput, 'reference' | 'startOfYear'>,
): number | 'reference' | 'start' {
  switch (rule.kind) {
    case 'absolute':
      return rule.value;
    case 'share':
      return unit.reference === null ? 'reference' : (unit.reference * rule.value) / 100;
    case 'growth':
      return unit.startOfYear === null ? 'start' : unit.startOfYear * (1 + rule.value / 100);
  }
}

/**
 * Each municipality's target for the year: a hand-set target wins; otherwise the rule's.
 * A municipality whose rule input is missing gets no target at all (never a guess), and says
 * which input is missing.
 *
 * @example computeTargets({ kind: 'share', value: 20 },
 *   [{ municipalityId: 1, reference: 72400, startOfYear: 7694, manual: null, stored: null }])[0].target // 14480
 */
export function computeTargets(
  rule: PlanRuleSpec | null,
  units: TargetUnitInput[],
): TargetResult[] {
  return units.map((u) => {
    const byRule = rule === null ? 'rule' : ruleTarget(rule, u);
    const ruleValue = typeof byRule === 'number' ? byRule : null;
    const found = (target: number, origin: TargetOrigin): TargetResult => ({
      municipalityId: u.municipalityId,
      target,
      origin,
      ruleTarget: ruleValue,
    });
    if (u.manual !== null) return found(u.manual, 'manual');
    if (ruleValue !== null) return found(ruleValue, 'rule');
    if (rule === null && u.stored !== null) return found(u.stored, 'stored');
    return {
      municipalityId: u.municipalityId,
      target: null,
      origin: null,
      ruleTarget: null,
      missing: typeof byRule === 'number' ? 'rule' : byRule,
    };
  });
}
