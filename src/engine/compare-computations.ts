import type { MethodologyNode } from '../domain/methodology.js';
import type { RatingComputation } from '../domain/rating-computation.js';

/**
 * Where a difference sits on the way from cause to effect: what the rating was computed from
 * (raw values, weights, parameters), the scores computed level by level, the explanations.
 */
export type DifferenceSection = 'inputs' | 'scores' | 'explanations';
export const DIFFERENCE_SECTIONS: readonly DifferenceSection[] = [
  'inputs',
  'scores',
  'explanations',
];

export interface ComputationComparison {
  /** Every difference found, not only those listed. */
  total: number;
  bySection: Record<DifferenceSection, number>;
  /** The first differences of each section, causes before effects, indicators before the index. */
  listed: Record<DifferenceSection, string[]>;
}

type Json = unknown;

/** A number as a stored text gives it back: null for NaN and the infinities, 0 for −0. */
const asStored = (v: Json): Json => (typeof v === 'number' ? (v - v === 0 ? v + 0 : null) : v);

/** Tree depth of every group code: the index 0, its dimensions 1… */
function groupDepths(node: MethodologyNode, depth: number, out: Map<string, number>): void {
  if (node.kind !== 'group') return;
  out.set(node.code, depth);
  for (const child of node.children) groupDepths(child, depth + 1, out);
}

const UNIT_FIELDS: Record<string, string> = {
  score: 'балл индекса',
  rank: 'место',
  groupRank: 'место в группе',
  rankChange: 'изменение места',
  availability: 'доля данных',
  reasons: 'причины без балла',
};

const INDICATOR_STEPS = ['raw', 'imputed', 'treated', 'treatment', 'normalised', 'note'];

/**
 * Compares a stored computation with its recomputation and sorts every difference by what
 * caused what, so that one changed raw value is named first and not buried under the scores
 * and explanations it moved. Within a section the order is: indicators (raw → treated →
 * normalised), then dimensions from the deepest up, then the index and places, so the first
 * line of each section is the lowest level where the numbers part.
 *
 * @example compareComputations(stored, recomputed).listed.inputs[0]
 * // '/indicators/0/raw/3 — исходное значение «pos_level», ОМСУ «orsk»: в снимке 60, при пересчёте 61'
 */
export function compareComputations(
  stored: RatingComputation,
  again: RatingComputation,
  keepPerSection = 20,
): ComputationComparison {
  const depths = new Map<string, number>();
  const tree = (again.methodology as { tree?: MethodologyNode } | null)?.tree;
  if (tree) groupDepths(tree, 0, depths);
  const deepest = Math.max(0, ...depths.values());
  const unitLabel = (i: string | undefined) => {
    const unit = i === undefined ? undefined : stored.inputs?.units?.[Number(i)];
    return unit ? `ОМСУ «${unit.code}»` : `ОМСУ №${i}`;
  };
  const indicatorCode = (k: string | undefined) => stored.indicators?.[Number(k)]?.code ?? `№${k}`;
  const contributionCode = (i: string | undefined, k: string | undefined) =>
    Array.isArray(stored.explanations)
      ? (stored.explanations[Number(i)] as { contributions?: { indicator?: string }[] } | undefined)
          ?.contributions?.[Number(k)]?.indicator
      : undefined;
  const nodeCode = (j: string | undefined) => stored.nodes?.[Number(j)]?.code ?? `№${j}`;

  /** Section, order within it (lower first) and a reader's label for a path. */
  const place = (parts: string[]): [DifferenceSection, number, string | null] => {
    const [top, a, b, c, d] = parts;
    if (top === 'format' || top === 'methodology') return ['inputs', 0, 'методика'];
    if (top === 'inputs') return ['inputs', 0, 'входные данные'];
    if (top === 'indicators') {
      const step = INDICATOR_STEPS.indexOf(b ?? '');
      const code = indicatorCode(a);
      if (b === 'raw') return ['inputs', 1, `исходное значение «${code}», ${unitLabel(c)}`];
      if (b === 'treatment') return ['scores', 1, `обработка выбросов «${code}»`];
      const what = b === 'normalised' ? 'балл показателя' : 'значение после обработки';
      return ['scores', step < 0 ? 5 : step, `${what} «${code}», ${unitLabel(c)}`];
    }
    if (top === 'nodes') {
      const code = nodeCode(a);
      const level = deepest - (depths.get(code) ?? 0);
      const what = b === 'ranks' ? 'место по' : b === 'availability' ? 'доля данных' : 'балл';
      return ['scores', 10 + level, `${what} «${code}», ${unitLabel(c)}`];
    }
    if (top === 'units')
      return ['scores', 20 + deepest, `${UNIT_FIELDS[b ?? ''] ?? b}, ${unitLabel(a)}`];
    if (top === 'explanations' && b === 'contributions' && d === 'effectiveWeight') {
      const code = contributionCode(a, c) ?? `№${Number(c) + 1}`;
      return ['inputs', 2, `эффективный вес «${code}», ${unitLabel(a)}`];
    }
    // Format /2: columns, the unit last in the path.
    if (top === 'explanations' && (a === 'groupOf' || a === 'weights'))
      return ['inputs', 2, `вес показателя «${indicatorCode(b)}» в группе`];
    if (top === 'explanations' && a === 'shares')
      return ['inputs', 3, `доля веса группы «${nodeCode(b)}», ${unitLabel(c)}`];
    if (top === 'explanations' && a === 'improvements')
      return ['explanations', 0, `«${indicatorCode(b)}», ${unitLabel(d)}`];
    if (top === 'explanations' && (a === 'overtakes' || a === 'strengths' || a === 'weaknesses'))
      return ['explanations', 0, unitLabel(b)];
    if (top === 'explanations') return ['explanations', 0, unitLabel(a)];
    return ['scores', 30 + deepest, null];
  };

  const buckets: Record<DifferenceSection, Map<number, string[]>> = {
    inputs: new Map(),
    scores: new Map(),
    explanations: new Map(),
  };
  const bySection: Record<DifferenceSection, number> = { inputs: 0, scores: 0, explanations: 0 };
  let total = 0;
  const report = (path: string[], text: string) => {
    const [section, order, label] = place(path);
    total += 1;
    bySection[section] += 1;
    const bucket = buckets[section].get(order) ?? [];
    buckets[section].set(order, bucket);
    if (bucket.length < keepPerSection)
      bucket.push(`/${path.join('/')}${label ? ` — ${label}` : ''}: ${text}`);
  };
  const walk = (a: Json, b: Json, path: string[]): void => {
    if (Object.is(asStored(a), asStored(b))) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length)
        report(path, `длина ${a.length} в снимке, ${b.length} при пересчёте`);
      else for (let i = 0; i < a.length; i += 1) walk(a[i], b[i], [...path, String(i)]);
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of [...keys].sort())
        walk((a as Record<string, Json>)[k], (b as Record<string, Json>)[k], [...path, k]);
      return;
    }
    report(path, `в снимке ${JSON.stringify(a)}, при пересчёте ${JSON.stringify(b)}`);
  };
  walk(stored, again, []);

  const listed = Object.fromEntries(
    DIFFERENCE_SECTIONS.map((s) => [
      s,
      [...buckets[s].entries()]
        .sort(([x], [y]) => x - y)
        .flatMap(([, lines]) => lines)
        .slice(0, keepPerSection),
    ]),
  ) as Record<DifferenceSection, string[]>;
  return { total, bySection, listed };
}
