import type { Methodology, MethodologyNode } from '../domain/methodology.js';
import type { Column } from './column.js';
import { evaluateExpressionColumn } from './evaluate-expression.js';
import { parseExpression } from './expression.js';

/** A unit left out by the screening, with the availability that decided it. */
export interface ScreenedUnit {
  code: string;
  /** Share of indicators with a value where it fell short: overall or in `dimension`. */
  availability: number;
  /** The child of the index where it fell short; null for the overall share. */
  dimension: string | null;
  reason: string;
}

function indicatorCodes(node: MethodologyNode): { code: string; formula?: string }[] {
  return node.kind === 'indicator' ? [node] : node.children.flatMap(indicatorCodes);
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}`.replace('.', ',');

/**
 * Which units the methodology's screening leaves out, by the raw values (a derived
 * indicator by its formula), before any imputation: a flag per unit and the list with
 * reasons. Availability below the threshold screens a unit; exactly at it does not.
 *
 * @example screenUnits(m, columns, ['a', 'b']).flags // Uint8Array [0, 1]
 */
export function screenUnits(
  m: Methodology,
  columns: Readonly<Record<string, Column>>,
  unitCodes: readonly string[],
): { flags: Uint8Array; screened: ScreenedUnit[] } {
  const rule = m.screening;
  const rowCount = unitCodes.length;
  const flags = new Uint8Array(rowCount);
  if (!rule) return { flags, screened: [] };
  const rawOf = (ind: { code: string; formula?: string }): Column =>
    ind.formula === undefined
      ? (columns[ind.code] ?? new Float64Array(rowCount).fill(Number.NaN))
      : evaluateExpressionColumn(parseExpression(ind.formula), columns, rowCount).values;
  const parts: { dimension: string | null; raws: Column[] }[] =
    rule.scope === 'each-dimension' && m.tree.kind === 'group'
      ? m.tree.children.map((c) => ({ dimension: c.code, raws: indicatorCodes(c).map(rawOf) }))
      : [{ dimension: null, raws: indicatorCodes(m.tree).map(rawOf) }];
  const screened: ScreenedUnit[] = [];
  for (let i = 0; i < rowCount; i += 1) {
    let worst: { share: number; dimension: string | null } | null = null;
    for (const part of parts) {
      let present = 0;
      for (const raw of part.raws) if (!Number.isNaN(raw[i] as number)) present += 1;
      const share = present / part.raws.length;
      if (share < rule.minAvailability && (worst === null || share < worst.share))
        worst = { share, dimension: part.dimension };
    }
    if (!worst) continue;
    flags[i] = 1;
    const where = worst.dimension === null ? '' : ` в направлении «${worst.dimension}»`;
    screened.push({
      code: unitCodes[i] as string,
      availability: worst.share,
      dimension: worst.dimension,
      reason:
        `Исключено отбором по наличию данных: есть значения ${percent(worst.share)} % ` +
        `показателей${where} при пороге ${percent(rule.minAvailability)} %`,
    });
  }
  return { flags, screened };
}
