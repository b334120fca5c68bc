import type { IndicatorNode, Methodology, MethodologyNode } from './methodology.js';

/** One row of COINr's `iMeta` as read from CSV: cells by column name, missing as null. */
export type IMetaRow = Record<string, string | null>;

/** A problem in an iMeta table: the 1-based data row (header is row 1) and column. */
export interface IMetaProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface IMetaOptions {
  code: string;
  title?: string;
  effectiveFrom?: string;
}

/** A munirank column's JSON, or undefined when the column is absent or empty. */
function extra<T>(r: IMetaRow, column: string): T | undefined {
  const text = r[column]?.trim();
  return text ? (JSON.parse(text) as T) : undefined;
}

const number = (v: string | null | undefined): number | null =>
  v === null || v === undefined || v.trim() === '' ? null : Number(v);

/**
 * A methodology from COINr's indicator metadata: rows of `Type` Indicator and Aggregate with
 * `Level` (1 = indicators), `Parent`, `Weight`, `Direction` become the tree; `iName` the
 * names, `Unit` the passport unit, `Target` a distance-to-target normalisation. What
 * iMeta does not say is COINr's default: min-max to 0…100, arithmetic means, no imputation,
 * missing children left out of a mean. Denominator, Group and Other rows are data, not tree.
 *
 * @example methodologyFromIMeta([{ iCode: 'Index', Level: '2', … }, …], { code: 'asem' })
 */
export function methodologyFromIMeta(
  rows: readonly IMetaRow[],
  options: IMetaOptions,
): { ok: true; methodology: Methodology } | { ok: false; problems: IMetaProblem[] } {
  const problems: IMetaProblem[] = [];
  const inTree = rows
    .map((r, i) => ({ r, row: i + 2 }))
    .filter(({ r }) => r.Type === 'Indicator' || r.Type === 'Aggregate');
  const byParent = new Map<string | null, typeof inTree>();
  for (const item of inTree) {
    const parent = item.r.Parent?.trim() || null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), item]);
    for (const column of ['iCode', 'Level', 'Weight', 'Direction'])
      if (!item.r[column]?.trim())
        problems.push({ row: item.row, column, message: 'пусто, а строка входит в индекс' });
    const direction = number(item.r.Direction);
    if (direction !== null && direction !== 1 && direction !== -1)
      problems.push({ row: item.row, column: 'Direction', message: 'ожидается 1 или -1' });
    const weight = number(item.r.Weight);
    if (weight !== null && !(weight >= 0))
      problems.push({ row: item.row, column: 'Weight', message: 'ожидается число ≥ 0' });
  }
  const roots = byParent.get(null) ?? [];
  if (roots.length !== 1)
    problems.push({
      row: roots[1]?.row ?? 1,
      column: 'Parent',
      message: `у индекса нет родителя, а строк без родителя ${roots.length}: нужна ровно одна`,
    });
  if (problems.length > 0) return { ok: false, problems };

  const build = (item: (typeof inTree)[number], seen: Set<string>): MethodologyNode => {
    const code = (item.r.iCode as string).trim();
    const name = item.r.iName?.trim() || code;
    const weight = number(item.r.Weight) ?? 1;
    if (item.r.Type === 'Indicator') {
      const target = number(item.r.Target);
      const normalisation = extra<IndicatorNode['normalisation']>(item.r, 'munirank_normalisation');
      const treatment = extra<IndicatorNode['treatment']>(item.r, 'munirank_treatment');
      const passport = extra<IndicatorNode['passport']>(item.r, 'munirank_passport');
      const formula = item.r.munirank_formula?.trim();
      return {
        kind: 'indicator',
        code,
        name,
        weight,
        direction: number(item.r.Direction) === -1 ? -1 : 1,
        normalisation:
          normalisation ??
          (target === null ? { method: 'min-max' } : { method: 'distance-to-target', target }),
        ...(treatment ? { treatment } : {}),
        ...(formula ? { formula } : {}),
        ...(passport
          ? { passport }
          : item.r.Unit?.trim()
            ? { passport: { unit: item.r.Unit.trim(), periodicity: 'annual' as const } }
            : {}),
      };
    }
    if (seen.has(code)) {
      problems.push({ row: item.row, column: 'Parent', message: `цикл через «${code}»` });
      return {
        kind: 'indicator',
        code,
        name,
        weight,
        direction: 1,
        normalisation: { method: 'min-max' },
      };
    }
    const children = byParent.get(code) ?? [];
    if (children.length === 0)
      problems.push({ row: item.row, column: 'iCode', message: `у группы «${code}» нет детей` });
    const built = children.map((c) => build(c, new Set([...seen, code])));
    // A level that export added so that COINr's levels line up: its one child in its place.
    if (item.r.munirank_passthrough?.trim().toUpperCase() === 'TRUE' && built.length === 1)
      return { ...(built[0] as MethodologyNode), weight };
    return {
      kind: 'group',
      code,
      name,
      weight,
      aggregation:
        extra<Extract<MethodologyNode, { kind: 'group' }>['aggregation']>(
          item.r,
          'munirank_aggregation',
        ) ?? 'arithmetic',
      children: built,
    };
  };
  const root = roots[0] as (typeof inTree)[number];
  let settings: Partial<Methodology> | undefined;
  let tree: MethodologyNode;
  try {
    settings = extra<Partial<Methodology>>(root.r, 'munirank_settings');
    tree = build(root, new Set());
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          row: 0,
          column: null,
          message: `графа munirank_…: не JSON (${e instanceof Error ? e.message : e})`,
        },
      ],
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  if (settings) return { ok: true, methodology: { ...settings, tree } as Methodology };
  return {
    ok: true,
    methodology: {
      code: options.code,
      version: 1,
      title: options.title ?? tree.name,
      effectiveFrom: options.effectiveFrom ?? String(new Date().getUTCFullYear()),
      outputScale: 100,
      tieRule: 'competition',
      missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0 },
      colourThresholds: [],
      tree,
    },
  };
}
