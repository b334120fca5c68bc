import type { GroupBand, GroupNode, Methodology, MethodologyNode } from '../domain/methodology.js';
import { aggregateColumns } from './aggregate.js';
import { type Column, toSharedColumn } from './column.js';
import { computeIndicator, type IndicatorResult } from './compute-indicator.js';
import { explainScores, type RatingExplanations } from './explain-scores.js';
import { explainUnits, type UnitResult } from './explain-units.js';
import { rankChange, rankScores, ranksInOrder, rankWithinGroups } from './rank.js';
import { flattenTree } from './rating-tree.js';
import { type ScreenedUnit, screenUnits } from './screen-units.js';
import { sortOrder } from './sort-order.js';

export type { IndicatorResult } from './compute-indicator.js';
export type { UnitResult } from './explain-units.js';
export type { ScreenedUnit } from './screen-units.js';

export interface RatingUnit {
  code: string;
  name: string;
  group?: string | null;
}

type Values = Readonly<Record<string, ArrayLike<number | null>>>;

export interface RatingData {
  units: readonly RatingUnit[];
  /**
   * Raw values by indicator code, aligned with `units`; null (or NaN) for missing. A
   * Float64Array is read in place, not copied: leave it unchanged while the result is used.
   */
  values: Values;
  /** Reference values for formulas (e.g. population), aligned with `units`. */
  reference?: Values;
  /** Earlier periods, oldest first, for last-observation imputation; matched by unit code. */
  history?: readonly { unitCodes: readonly string[]; values: Values }[];
  /** The previous period's places by unit code, for the change of place. */
  previousRanks?: ReadonlyMap<string, number | null>;
}

/** A dimension or the index: its scores and places; `weight` is normalised within the parent. */
export interface NodeResult {
  code: string;
  name: string;
  parentCode: string | null;
  weight: number;
  /** Product of normalised weights from the root: the node's share of the index. */
  globalWeight: number;
  scores: Column;
  availability: Float64Array;
  belowThreshold: Uint8Array;
  /** Sum of the raw weights of the children present, per unit (for effective weights). */
  presentWeight: Float64Array;
  /** Per child, the units lacking its score, ascending (for the reasons a score is missing). */
  absent: number[][];
  ranks: Float64Array;
}

export interface RatingResult {
  methodology: { code: string; version: number };
  units: UnitResult[];
  indicators: IndicatorResult[];
  /** Dimensions and the index (first), in tree order. */
  nodes: NodeResult[];
  /** Contributions, strengths, weaknesses and improvements; null when not asked for. */
  explanations: RatingExplanations | null;
  /** Units the methodology's screening left out, in data order (empty without screening). */
  screened: ScreenedUnit[];
}

function alignHistory(data: RatingData): Record<string, Column>[] {
  if (!data.history || data.history.length === 0) return [];
  const index = new Map(data.units.map((u, i) => [u.code, i]));
  return (data.history ?? []).map((period) => {
    const out: Record<string, Column> = {};
    for (const [code, values] of Object.entries(period.values)) {
      const column = new Float64Array(data.units.length).fill(Number.NaN);
      period.unitCodes.forEach((unit, j) => {
        const i = index.get(unit);
        const v = values[j];
        if (i !== undefined && typeof v === 'number') column[i] = v;
      });
      out[code] = column;
    }
    return out;
  });
}

/**
 * Each unit's band by its value in `column`: the label of the band with the largest `from`
 * not above the value (bands ascending); null without a value or below the first band.
 *
 * @example groupsByBands(new Float64Array([5, 50, NaN]), [{ from: 0, label: 'A' }, { from: 10, label: 'B' }], 3)
 * // ['A', 'B', null]
 */
export function groupsByBands(
  column: Column | undefined,
  bands: readonly GroupBand[],
  rowCount: number,
): (string | null)[] {
  return Array.from({ length: rowCount }, (_, i) => {
    const v = column?.[i];
    if (v === undefined || Number.isNaN(v)) return null;
    let label: string | null = null;
    for (const band of bands) if (v >= band.from) label = band.label;
    return label;
  });
}

/**
 * Computes a whole rating: every indicator raw → imputed → treated → normalised, every
 * dimension and the index by its aggregation, places overall and within groups, change of
 * place, and per unit why a score is missing; unless `explain: false`, the explanations
 * (contributions, strengths, weaknesses, what would move each unit up). Pure: no I/O. Throws AggregationError when a
 * geometric or harmonic mean meets a non-positive score.
 *
 * @example
 * const checked = validateMethodology(json);
 * if (checked.ok) computeRating(checked.methodology, { units, values }).units[0]?.rank;
 */
export function computeRating(
  m: Methodology,
  data: RatingData,
  options: { explain?: boolean } = {},
): RatingResult {
  const rowCount = data.units.length;
  const columns: Record<string, Column> = {};
  // The caller's Float64Arrays are used as they are, not copied (see toSharedColumn).
  for (const [name, v] of Object.entries(data.reference ?? {})) columns[name] = toSharedColumn(v);
  for (const [code, v] of Object.entries(data.values)) columns[code] = toSharedColumn(v);
  const groups = m.grouping
    ? groupsByBands(columns[m.grouping.reference], m.grouping.bands, rowCount)
    : data.units.map((u) => u.group ?? null);
  const unitCodes = data.units.map((u) => u.code);
  const screening = screenUnits(m, columns, unitCodes);
  const inputs = {
    rowCount,
    columns,
    groups,
    history: alignHistory(data),
    // One read-only zero column for all indicators' `imputed` when the rule imputes nothing.
    unimputed: new Uint8Array(rowCount),
    ...(screening.screened.length > 0 ? { screened: screening.flags } : {}),
  };
  const indicators: IndicatorResult[] = [];
  const nodes: NodeResult[] = [];
  const rule = m.missingData;
  // The index's ascending order: its places and the explanations' units to overtake.
  let indexOrder: Uint32Array | undefined;
  const indexOrderOf = (scores: Column): Uint32Array => {
    indexOrder = sortOrder(scores);
    return indexOrder;
  };

  const visit = (
    node: MethodologyNode,
    parent: GroupNode | null,
    weight: number,
    globalWeight: number,
  ): Column => {
    if (node.kind === 'indicator') {
      const result = computeIndicator(node, m, inputs);
      indicators.push(result);
      return result.normalised;
    }
    const slot = nodes.length;
    nodes.push(undefined as unknown as NodeResult);
    const total = node.children.reduce((s, c) => s + c.weight, 0);
    const childColumns = node.children.map((c) =>
      visit(c, node, c.weight / total, (globalWeight * c.weight) / total),
    );
    const aggregated = aggregateColumns(
      childColumns,
      node.children.map((c) => c.weight),
      node.aggregation,
      rule,
      {
        unitCodes,
        childCodes: node.children.map((c) => c.code),
      },
    );
    nodes[slot] = {
      code: node.code,
      name: node.name,
      parentCode: parent?.code ?? null,
      weight,
      globalWeight,
      scores: aggregated.values,
      availability: aggregated.availability,
      belowThreshold: aggregated.belowThreshold,
      presentWeight: aggregated.presentWeight,
      absent: aggregated.absent,
      ranks:
        slot === 0
          ? ranksInOrder(aggregated.values, indexOrderOf(aggregated.values), m.tieRule)
          : rankScores(aggregated.values, m.tieRule),
    };
    return aggregated.values;
  };
  visit(m.tree, null, 1, 1);

  const index = nodes[0] as NodeResult;
  const groupRanks = rankWithinGroups(index.scores, groups, m.tieRule);
  const change = rankChange(unitCodes, index.ranks, data.previousRanks ?? new Map());
  // Explanations first: they allocate most of the typed arrays, and a garbage collection
  // they set off then finds no per-unit objects yet to copy.
  const tree = flattenTree(m);
  const explanations =
    options.explain === false ? null : explainScores(m, tree, indicators, nodes, indexOrder);
  const units = explainUnits({
    units: data.units,
    groups,
    methodology: m,
    index,
    groupRanks,
    change,
    nodes,
    indicators,
    indicatorParent: tree.indicatorParent,
    indicatorPosition: tree.indicatorPosition,
  });
  // A screened unit's one reason is the screening, not the missing values that follow from it.
  const reasonOf = new Map(screening.screened.map((s) => [s.code, s.reason]));
  for (const u of units) {
    const reason = reasonOf.get(u.code);
    if (reason !== undefined) u.reasons = [reason];
  }
  return {
    methodology: { code: m.code, version: m.version },
    units,
    indicators,
    nodes,
    explanations,
    screened: screening.screened,
  };
}
