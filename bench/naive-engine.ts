// A straightforward baseline for bench/engine-bench.ts: the obvious object-per-cell
// implementation (arrays of objects, maps, comparator sorts), computing the same things as
// the engine for min–max + weighted arithmetic means. Not used by the product.
import type { Methodology, MethodologyNode } from '../src/domain/methodology.js';

interface Cell {
  unit: string;
  value: number | null;
}

export interface NaiveResult {
  scores: Map<string, Cell[]>;
  ranks: Map<string, number>;
  explanations?: Map<string, { indicator: string; contribution: number; needed: number | null }[]>;
}

function normalise(cells: Cell[], direction: number, upper: number): Cell[] {
  const present = cells.filter((c) => c.value !== null).map((c) => (c.value as number) * direction);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return cells.map((c) => ({
    unit: c.unit,
    value:
      c.value === null || max === min ? null : ((c.value * direction - min) / (max - min)) * upper,
  }));
}

export function naiveRating(
  m: Methodology,
  units: { code: string }[],
  values: Record<string, ArrayLike<number | null>>,
  explain: boolean,
): NaiveResult {
  const scores = new Map<string, Cell[]>();
  const weights = new Map<string, number>();
  const visit = (node: MethodologyNode, weight: number): Cell[] => {
    if (node.kind === 'indicator') {
      const raw = units.map((u, i) => {
        const v = values[node.code]?.[i];
        return { unit: u.code, value: v === undefined || v === null || Number.isNaN(v) ? null : v };
      });
      const cells = normalise(raw, node.direction, m.outputScale);
      scores.set(node.code, cells);
      weights.set(node.code, weight);
      return cells;
    }
    const total = node.children.reduce((s, c) => s + c.weight, 0);
    const kids = node.children.map((c) => ({ c, cells: visit(c, (weight * c.weight) / total) }));
    const cells = units.map((u, i) => {
      const parts = kids
        .map(({ c, cells: col }) => ({ w: c.weight, v: col[i]?.value ?? null }))
        .filter((p) => p.v !== null);
      const w = parts.reduce((s, p) => s + p.w, 0);
      return {
        unit: u.code,
        value: w > 0 ? parts.reduce((s, p) => s + p.w * (p.v as number), 0) / w : null,
      };
    });
    scores.set(node.code, cells);
    return cells;
  };
  const index = visit(m.tree, 1);
  const sorted = index
    .filter((c) => c.value !== null)
    .sort((a, b) => (b.value as number) - (a.value as number));
  const ranks = new Map<string, number>();
  sorted.forEach((c, k) => {
    const prev = sorted[k - 1];
    ranks.set(c.unit, prev && prev.value === c.value ? (ranks.get(prev.unit) as number) : k + 1);
  });
  if (!explain) return { scores, ranks };
  // contribution = global weight × score; the improvement to reach the unit above, assuming
  // fixed bounds and complete data (the engine handles missing data and moving bounds too).
  const above = new Map<string, Cell>();
  sorted.forEach((c, k) => {
    if (k > 0) above.set(c.unit, sorted[k - 1] as Cell);
  });
  const explanations = new Map<
    string,
    { indicator: string; contribution: number; needed: number | null }[]
  >();
  index.forEach((cell, i) => {
    const list = [...weights.entries()].map(([code, w]) => {
      const s = scores.get(code)?.[i]?.value ?? null;
      const target = above.get(cell.unit);
      const gap = target && cell.value !== null ? (target.value as number) - cell.value : null;
      return {
        indicator: code,
        contribution: s === null ? 0 : w * s,
        needed: gap === null || s === null ? null : s + gap / w,
      };
    });
    explanations.set(cell.unit, list);
  });
  return { scores, ranks, explanations };
}
