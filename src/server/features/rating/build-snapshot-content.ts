import type { Methodology, MethodologyNode } from '../../../domain/methodology.js';
import type { RatingSnapshotContent, SnapshotColumn } from '../../../domain/rating-snapshot.js';
import type { RatingData, RatingResult } from '../../../engine/compute-rating.js';
import { describeComputation } from '../../../engine/rating-computation.js';

/** Column keys of the group number and the place within the group, beside 'index' and the indicator codes. */
const GROUP_KEY = 'group:number';
const GROUP_PLACE_KEY = 'group:place';

/** The indicators of a methodology tree, in tree order. */
export function indicatorNodes(
  node: MethodologyNode,
): Extract<MethodologyNode, { kind: 'indicator' }>[] {
  return node.kind === 'indicator' ? [node] : node.children.flatMap(indicatorNodes);
}

/**
 * The stored content of a computed rating: the table the public view renders (place, index
 * score, every indicator's value as used) and, under `computation`, everything needed to
 * recompute it. Rows are in order of place, units without a place last.
 */
export function buildSnapshotContent(
  m: Methodology,
  data: RatingData,
  result: RatingResult,
): RatingSnapshotContent {
  const { columns, notes } = snapshotTableHead(m, result);
  const rawOf = new Map(result.indicators.map((ind) => [ind.code, ind.raw]));
  const rows = snapshotRows(m, result.units, (code) => rawOf.get(code));
  return { columns, rows, notes, computation: describeComputation(m, data, result) };
}

/** The table's columns and notes of a computed rating: what its content holds beside the rows. */
export function snapshotTableHead(
  m: Methodology,
  result: RatingResult,
): Pick<RatingSnapshotContent, 'columns' | 'notes'> {
  const indicators = indicatorNodes(m.tree);
  const columns: SnapshotColumn[] = [
    { key: 'index', title: m.tree.name, unit: null, decimals: m.outputScale === 1 ? 3 : 1 },
    ...indicators.map((node) => ({
      key: node.code,
      title: node.name,
      unit: node.passport?.unit ?? null,
      decimals: 2,
    })),
  ];
  // Places within groups: the group's number (its band, named in the notes) and the place.
  const grouping = m.grouping;
  if (grouping)
    columns.push(
      { key: GROUP_KEY, title: grouping.title, unit: null, decimals: 0 },
      { key: GROUP_PLACE_KEY, title: 'Место в группе', unit: null, decimals: 0 },
    );
  const notes = [
    `Рассчитано munirank по методике «${m.title}» (${m.code}, версия ${m.version}); ` +
      'полный расчёт, исходные данные и методика — в выгрузке снимка, проверка: munirank verify.',
  ];
  if (m.description) notes.push(m.description);
  if (grouping)
    notes.push(
      `${grouping.title} (по значению «${grouping.reference}»): ` +
        grouping.bands.map((b, k) => `${k + 1} — ${b.label} (от ${b.from})`).join('; ') +
        '. Место в группе — среди ОМСУ той же группы.',
    );
  for (const u of result.units) {
    if (u.score === null && u.reasons.length > 0) notes.push(`${u.name}: ${u.reasons.join('; ')}`);
  }
  return { columns, notes };
}

/**
 * What a table row is made of per unit: a unit of the computation's `units` (stored with the
 * group of the methodology's grouping, which its type does not name).
 */
type RowUnit = Pick<RatingResult['units'][number], 'code' | 'score' | 'rank' | 'groupRank'> & {
  group?: string | null;
};

/** A place as a computed table shows it: its number, or a dash for a unit without one. */
export const placeLabelOf = (place: number | null): string =>
  place === null ? '—' : String(place);

/**
 * The table's rows of a computed rating: in order of place, units without a place last, each
 * with the index score, every indicator's value as used (its raw column) and, with a
 * grouping, the group's number and the place in it. The same rows whether made when the
 * rating is computed or, for a content stored without them (format /3), when it is read.
 */
export function snapshotRows(
  m: Methodology,
  units: readonly RowUnit[],
  rawOf: (code: string) => ArrayLike<number | null> | undefined,
): RatingSnapshotContent['rows'] {
  const indicators = indicatorNodes(m.tree);
  const grouping = m.grouping;
  const bandNumber = new Map(grouping?.bands.map((b, k) => [b.label, k + 1]));
  const order = units
    .map((u, i) => ({ u, i }))
    .sort(
      (a, b) =>
        (a.u.rank ?? Number.POSITIVE_INFINITY) - (b.u.rank ?? Number.POSITIVE_INFINITY) ||
        a.i - b.i,
    );
  const raw = indicators.map((node) => rawOf(node.code));
  // Each row's values written key by key, in the order canonical JSON sorts them, so that
  // the rows are written by JSON.stringify as they are (see canonicalJson).
  const valueKeys = [
    'index',
    ...indicators.map((node) => node.code),
    ...(grouping ? [GROUP_KEY, GROUP_PLACE_KEY] : []),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indicatorAt = new Map(indicators.map((node, k) => [node.code, k]));
  const cellOf = (u: RowUnit, i: number, key: string): number | null => {
    if (key === GROUP_KEY && grouping)
      return u.group === null || u.group === undefined ? null : (bandNumber.get(u.group) ?? null);
    if (key === GROUP_PLACE_KEY && grouping) return u.groupRank;
    const k = indicatorAt.get(key);
    if (k === undefined) return u.score;
    const v = raw[k]?.[i];
    return v === undefined || v === null || Number.isNaN(v) ? null : v;
  };
  return order.map(({ u, i }) => {
    const values: Record<string, number | null> = {};
    for (const key of valueKeys) values[key] = cellOf(u, i, key);
    return {
      municipalityCode: u.code,
      place: u.rank,
      placeLabel: placeLabelOf(u.rank),
      values,
    };
  });
}
