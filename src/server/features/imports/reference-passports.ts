import type { ReferenceKind } from '../../../db/schema/reference-value.js';
import type { IndicatorPassport } from '../../../ingest/validate-value.js';

/** Where a reference value goes: reference_value of a kind, or plan_target of an indicator. */
export type ReferenceDestination =
  | { kind: ReferenceKind; indicatorId: null; label: string }
  | { kind: 'target'; indicatorId: number; label: string };

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
 * Reference data read by the same readers as indicator values: each reference kind and the
 * annual target of each entered (not derived) indicator is a pseudo-indicator with a negative
 * id, checked like any value (people are whole and not negative; a target obeys its
 * indicator's passport). A long file names them by code (`population`, `target:esia_total`),
 * a wide file by a header («Численность населения МО», «Целевое значение esia_total»).
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
  for (const i of indicators) {
    if (derivedIds.has(i.id) || taken.has(`target:${i.code}`)) continue;
    const id = next--;
    const label = `Целевое значение «${i.name}»`;
    passports.push({
      ...i,
      id,
      code: `target:${i.code}`,
      name: label,
      aliases: [`Целевое значение ${i.code}`, `Целевое значение: ${i.name}`, `План ${i.code}`],
    });
    destinations.set(id, { kind: 'target', indicatorId: i.id, label });
  }
  return { passports, destinations };
}
