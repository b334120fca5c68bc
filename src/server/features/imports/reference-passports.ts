import type { ReferenceKind } from '../../../db/schema/reference-value.js';
import type { IndicatorPassport } from '../../../ingest/validate-value.js';

/** What of an annual target a value sets: the target itself or the start-of-year value. */
export type PlanTargetPart = 'target' | 'target_start';

/**
 * Where a reference value goes: reference_value of a kind, or the plan_target row of an
 * indicator (its target_value or its start_value).
 */
export type ReferenceDestination =
  | { kind: ReferenceKind; indicatorId: null; label: string }
  | { kind: PlanTargetPart; indicatorId: number; label: string };

/** How a file names a part of an indicator's annual target: code prefix, label, header texts. */
const TARGET_PARTS: {
  kind: PlanTargetPart;
  prefix: string;
  label: (name: string) => string;
  aliases: (code: string, name: string) => string[];
}[] = [
  {
    kind: 'target',
    prefix: 'target:',
    label: (name) => `Целевое значение «${name}»`,
    aliases: (code, name) => [
      `Целевое значение ${code}`,
      `Целевое значение: ${name}`,
      `План ${code}`,
    ],
  },
  {
    kind: 'target_start',
    prefix: 'start:',
    label: (name) => `Значение на начало года «${name}»`,
    aliases: (code, name) => [
      `target_start:${code}`,
      `Значение на начало года ${code}`,
      `Значение на начало года: ${name}`,
      `Базовое значение ${code}`,
      `На начало года ${code}`,
      `На начало года: ${name}`,
    ],
  },
];

interface ReferenceColumn {
  kind: ReferenceKind;
  name: string;
  aliases: string[];
}

/** The reference kinds an import recognises, with the header texts sources use for them. */
const REFERENCE_COLUMNS: ReferenceColumn[] = [
  {
    kind: 'population',
    name: 'Численность населения',
    aliases: [
      'Численность населения МО',
      'Численность населения, чел.',
      'Численность постоянного населения',
      'Население',
    ],
  },
  {
    kind: 'econ_active_14_72',
    name: 'Численность экономически активного населения 14–72 лет',
    aliases: [
      'Численность экономически активного населения',
      'Экономически активное население',
      'Экономически активное население 14–72 лет',
    ],
  },
];

/**
 * Reference data read by the same readers as indicator values: each reference kind, and the
 * annual target and start-of-year value of each entered (not derived) indicator, is a
 * pseudo-indicator with a negative id, checked like any value (people are whole and not
 * negative; a target and a start value obey their indicator's passport). A long file names
 * them by code (`population`, `target:esia_total`, `start:esia_total`), a wide file by a
 * header («Численность населения МО», «Целевое значение esia_total», «Значение на начало
 * года esia_total»).
 */
export function referencePassports(
  indicators: readonly IndicatorPassport[],
  /** Derived indicators (with a formula): computed, so they have no targets to import. */
  derivedIds: ReadonlySet<number>,
): { passports: IndicatorPassport[]; destinations: Map<number, ReferenceDestination> } {
  const taken = new Set(indicators.map((i) => i.code));
  const passports: IndicatorPassport[] = [];
  const destinations = new Map<number, ReferenceDestination>();
  let next = -1;
  for (const c of REFERENCE_COLUMNS) {
    if (taken.has(c.kind)) continue;
    const id = next--;
    passports.push({
      id,
      code: c.kind,
      name: c.name,
      unit: 'чел.',
      rangeMin: 0,
      rangeMax: null,
      decimals: 0,
      aliases: c.aliases,
    });
    destinations.set(id, { kind: c.kind, indicatorId: null, label: c.name });
  }
  for (const part of TARGET_PARTS)
    for (const i of indicators) {
      const code = `${part.prefix}${i.code}`;
      if (derivedIds.has(i.id) || taken.has(code)) continue;
      const id = next--;
      const label = part.label(i.name);
      passports.push({ ...i, id, code, name: label, aliases: part.aliases(i.code, i.name) });
      destinations.set(id, { kind: part.kind, indicatorId: i.id, label });
    }
  return { passports, destinations };
}
