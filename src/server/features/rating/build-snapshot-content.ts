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
  const bandNumber = new Map(grouping?.bands.map((b, k) => [b.label, k + 1]));
  const order = result.units
    .map((u, i) => ({ u, i }))
    .sort(
      (a, b) =>
        (a.u.rank ?? Number.POSITIVE_INFINITY) - (b.u.rank ?? Number.POSITIVE_INFINITY) ||
        a.i - b.i,
    );
  const rawOf = new Map(result.indicators.map((ind) => [ind.code, ind.raw]));
  const raw = indicators.map((node) => rawOf.get(node.code));
  // Each row's values written key by key, in the order canonical JSON sorts them, so that
  // the rows are written by JSON.stringify as they are (see canonicalJson).
  const valueKeys = [
    'index',
    ...indicators.map((node) => node.code),
    ...(grouping ? [GROUP_KEY, GROUP_PLACE_KEY] : []),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const indicatorAt = new Map(indicators.map((node, k) => [node.code, k]));
  const cellOf = (u: RatingResult['units'][number], i: number, key: string): number | null => {
    if (key === GROUP_KEY && grouping)
      return u.group === null ? null : (bandNumber.get(u.group) ?? null);
    if (key === GROUP_PLACE_KEY && grouping) return u.groupRank;
    const k = indicatorAt.get(key);
    if (k === undefined) return u.score;
    const v = raw[k]?.[i];
    return v === undefined || Number.isNaN(v) ? null : v;
  };
  const rows = order.map(({ u, i }) => {
    const values: Record<string, number | null> = {};
    for (const key of valueKeys) values[key] = cellOf(u, i, key);
    return {
      municipalityCode: u.code,
      place: u.rank,
      placeLabel: u.rank === null ? '—' : String(u.rank),
      values,
    };
  });
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
  return { columns, rows, notes, computation: describeComputation(m, data, result) };
}
