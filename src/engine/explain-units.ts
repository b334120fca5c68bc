import type { Methodology } from '../domain/methodology.js';
import { formatPercentRu } from '../domain/russian-number-format.js';
import type { IndicatorResult } from './compute-indicator.js';
import type { NodeResult, RatingUnit } from './compute-rating.js';

/** One unit's place in the rating and, in Russian, what is missing or estimated. */
export interface UnitResult {
  code: string;
  name: string;
  group: string | null;
  score: number | null;
  rank: number | null;
  groupRank: number | null;
  /** Previous place − current place: positive means the unit moved up; null if new. */
  rankChange: number | null;
  /** Share of the index's weight (or children, per the rule) with data, 0..1. */
  availability: number;
  reasons: string[];
}

const IMPUTATION_NAMES: Record<Methodology['missingData']['imputation'], string> = {
  none: '',
  mean: 'среднее по муниципалитетам',
  'group-mean': 'среднее по группе',
  'last-observation': 'последнее известное значение',
};

/** A share as a reader sees it in the explanation: «33,3 %», «50 %». */
const percent = (share: number): string => {
  const tenths = Math.round(share * 1000) / 10;
  return formatPercentRu(tenths, Number.isInteger(tenths) ? 0 : 1);
};
const orNull = (v: number | undefined): number | null =>
  v === undefined || Number.isNaN(v) ? null : v;

/** Every unit without a score in `scores` or with an imputed value, ascending. */
function missingOrImputed(scores: Float64Array, imputed: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < scores.length; i++)
    if (Number.isNaN(scores[i] as number) || imputed[i] === 1) out.push(i);
  return out;
}

/**
 * Builds the per-unit results of a computed rating, with the reasons a score is missing
 * (availability below the threshold, missing values, undefined formulas) and the values
 * that were imputed.
 *
 * @example explainUnits(parts)[0]?.reasons // ['Нет значения показателя «Доля ЭП» (I1)']
 */
export function explainUnits(parts: {
  units: readonly RatingUnit[];
  /** Each unit's group: the data's, or its band under the methodology's grouping. */
  groups: readonly (string | null)[];
  methodology: Methodology;
  index: NodeResult;
  groupRanks: Float64Array;
  change: Float64Array;
  nodes: readonly NodeResult[];
  indicators: readonly IndicatorResult[];
  /** Per indicator: the index in `nodes` of its group (RatingTree.indicatorParent). */
  indicatorParent: Int32Array;
  /** Per indicator: its position among its group's children (RatingTree.indicatorPosition). */
  indicatorPosition: Int32Array;
}): UnitResult[] {
  const { index, nodes, indicators } = parts;
  const threshold = parts.methodology.missingData.minAvailability;
  const imputedHow = IMPUTATION_NAMES[parts.methodology.missingData.imputation];
  // Reasons are collected column by column and only where something is wrong: at
  // 20 000 units × 60 indicators a per-unit double loop costs more than the computation.
  // Collected as (unit, sentence) pairs in two growing lists and grouped by unit at the end:
  // filling a list per unit in an array of 20 000 touches it at random and makes every
  // store a pointer from an old object to a young one, which the garbage collector tracks.
  const owners: number[] = [];
  const sentences: string[] = [];
  const add = (i: number, reason: string): void => {
    owners.push(i);
    sentences.push(reason);
  };
  for (const node of nodes) {
    for (let i = 0; i < node.belowThreshold.length; i++) {
      if (node.belowThreshold[i] !== 1) continue;
      add(
        i,
        `«${node.name}»: есть данные для ${percent(node.availability[i] as number)} при пороге ${percent(threshold)}`,
      );
    }
  }
  // Without imputation nothing is restored: only missing scores need a look, and the
  // aggregation listed the units lacking each child while it read the column, so no column
  // is read again (a lookup per unit and indicator afterwards misses the cache each time).
  const restores = parts.methodology.missingData.imputation !== 'none';
  for (let k = 0; k < indicators.length; k++) {
    const ind = indicators[k] as IndicatorResult;
    const normalised = ind.normalised;
    const imputed = ind.imputed;
    const found = restores
      ? missingOrImputed(normalised, imputed)
      : ((nodes[parts.indicatorParent[k] as number] as NodeResult).absent[
          parts.indicatorPosition[k] as number
        ] as number[]);
    if (found.length === 0) continue;
    const problems =
      ind.problems.length > 0 ? new Map(ind.problems.map((p) => [p.row, p.reason])) : null;
    // The same few sentences for every unit of an indicator: built once, not once per unit.
    const noValue = `Показатель «${ind.name}» (${ind.code}): нет значения`;
    const noScore = `Показатель «${ind.name}» (${ind.code}): ${ind.note ?? 'нет оценки'}`;
    const restored = `Значение показателя «${ind.name}» (${ind.code}) восстановлено: ${imputedHow}`;
    for (let j = 0; j < found.length; j++) {
      const i = found[j] as number;
      const missing = Number.isNaN(normalised[i] as number);
      const problem = problems?.get(i);
      if (problem) add(i, `Показатель «${ind.name}» (${ind.code}) не вычислен: ${problem}`);
      else if (missing) add(i, Number.isNaN(ind.treated[i] as number) ? noValue : noScore);
      if (imputed[i] === 1) add(i, restored);
    }
  }
  // Counting sort of the pairs by unit, stable: each unit keeps its reasons in the order found.
  const n = parts.units.length;
  const starts = new Uint32Array(n + 1);
  for (let j = 0; j < owners.length; j++) {
    const at = (owners[j] as number) + 1;
    starts[at] = (starts[at] as number) + 1;
  }
  for (let i = 0; i < n; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const grouped: string[] = new Array(sentences.length);
  const next = starts.slice(0, n);
  for (let j = 0; j < owners.length; j++) {
    const i = owners[j] as number;
    grouped[next[i] as number] = sentences[j] as string;
    next[i] = (next[i] as number) + 1;
  }
  const out: UnitResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const unit = parts.units[i] as RatingUnit;
    const from = starts[i] as number;
    const to = starts[i + 1] as number;
    out[i] = {
      code: unit.code,
      name: unit.name,
      group: parts.groups[i] ?? null,
      score: orNull(index.scores[i]),
      rank: orNull(index.ranks[i]),
      groupRank: orNull(parts.groupRanks[i]),
      rankChange: orNull(parts.change[i]),
      availability: index.availability[i] as number,
      reasons: to > from ? grouped.slice(from, to) : [],
    };
  }
  return out;
}
