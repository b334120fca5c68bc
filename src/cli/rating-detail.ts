import type { Methodology, MethodologyNode } from '../domain/methodology.js';
import type { Column } from '../engine/column.js';
import type { RatingResult } from '../engine/compute-rating.js';
import { effectiveWeight } from '../engine/explain-scores.js';

/** The intermediate tables `compute --detail` writes; `all` is every one in one JSON. */
export const DETAILS = [
  'weights',
  'imputed',
  'treated',
  'treatment',
  'normalised',
  'aggregates',
  'all',
] as const;
export type Detail = (typeof DETAILS)[number];

type Row = Record<string, string | number | null>;

const cell = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

/**
 * Every node with its weight as written, its share of the parent (weights divided by their
 * sum) and its effective weight in the index: the product of shares from the index down.
 *
 * @example weightRows(m)[1] // { code: 'SED', parent: 'INDEX', level: 1, weight: 1, share: 0.333…, effective_weight: 0.333… }
 */
export function weightRows(m: Methodology): Row[] {
  const rows: Row[] = [];
  const visit = (
    node: MethodologyNode,
    parent: string | null,
    level: number,
    share: number,
    effective: number,
  ) => {
    rows.push({
      code: node.code,
      name: node.name,
      kind: node.kind,
      parent,
      level,
      weight: parent === null ? null : node.weight,
      share,
      effective_weight: effective,
    });
    if (node.kind !== 'group') return;
    const total = node.children.reduce((s, c) => s + c.weight, 0);
    for (const c of node.children)
      visit(c, node.code, level + 1, c.weight / total, (effective * c.weight) / total);
  };
  visit(m.tree, null, 0, 1, 1);
  return rows;
}

function unitRows(result: RatingResult, columns: [string, Column][]): Row[] {
  return result.units.map((u, i) => {
    const row: Row = { code: u.code, name: u.name };
    for (const [name, column] of columns) row[name] = cell(column[i]);
    return row;
  });
}

/** What the outlier treatment did to each indicator that has one. */
export function treatmentRows(result: RatingResult): Row[] {
  return result.indicators.map((ind) => {
    const t = ind.treatment;
    return {
      indicator: ind.code,
      status: t?.status ?? 'none',
      skewness_before: cell(t?.skewnessBefore),
      kurtosis_before: cell(t?.kurtosisBefore),
      skewness_after: cell(t?.skewnessAfter),
      kurtosis_after: cell(t?.kurtosisAfter),
      winsorised: t ? t.winsorised.length : 0,
      winsorised_units: t
        ? t.winsorised.map((p) => `${result.units[p.index]?.code}:${p.from}→${p.to}`).join(' ')
        : '',
      log_transform: t?.logTransform ?? null,
    };
  });
}

function aggregateRows(result: RatingResult): Row[] {
  return unitRows(
    result,
    result.nodes.flatMap((n) => [
      [n.code, n.scores],
      [`${n.code}_rank`, n.ranks],
      [`${n.code}_availability`, n.availability],
    ]),
  );
}

/** Per unit, the effective weight of each indicator after missing values were left out. */
function unitWeightRows(result: RatingResult): Row[] {
  const e = result.explanations;
  if (!e) return [];
  return result.units.map((u, i) => ({
    code: u.code,
    ...Object.fromEntries(
      result.indicators.map((ind, k) => [ind.code, effectiveWeight(e.effectiveWeights, k, i)]),
    ),
  }));
}

/**
 * One intermediate table of a computed rating as rows for CSV or JSON; for `all`, an object
 * with every table and, per unit, each indicator's effective weight (which moves when the
 * unit lacks a value and the others' weights are renormalised).
 */
export function ratingDetail(m: Methodology, result: RatingResult, detail: Detail): Row[] | object {
  const indicatorColumns = (pick: (ind: RatingResult['indicators'][number]) => Column) =>
    unitRows(
      result,
      result.indicators.map((ind) => [ind.code, pick(ind)]),
    );
  const tables = {
    weights: () => weightRows(m),
    imputed: () => indicatorColumns((ind) => ind.filled),
    treated: () => indicatorColumns((ind) => ind.treated),
    treatment: () => treatmentRows(result),
    normalised: () => indicatorColumns((ind) => ind.normalised),
    aggregates: () => aggregateRows(result),
  };
  if (detail !== 'all') return tables[detail]();
  return {
    methodology: { code: m.code, version: m.version },
    weights: tables.weights(),
    unitWeights: unitWeightRows(result),
    imputed: tables.imputed(),
    imputedUnits: Object.fromEntries(
      result.indicators.map((ind) => [
        ind.code,
        result.units.filter((_, i) => ind.imputed[i] === 1).map((u) => u.code),
      ]),
    ),
    treated: tables.treated(),
    treatment: tables.treatment(),
    normalised: tables.normalised(),
    aggregates: tables.aggregates(),
  };
}
