import { existsSync, readFileSync } from 'node:fs';
import type { Methodology, MethodologyNode } from '../../src/domain/methodology.js';
import type { RatingData } from '../../src/engine/compute-rating.js';

/** The public ASEM dataset (COINr's example), if the shared data directory is present. */
export const ASEM_DIR = new URL('../../../shared/data/asem/', import.meta.url);
export const hasAsem = existsSync(new URL('ASEM_iData.csv', ASEM_DIR));

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(name, ASEM_DIR), 'utf8').trim().split(/\r?\n/);
  const split = (line: string) =>
    [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)]
      .slice(0, -1)
      .map((m) => (m[2] !== undefined ? m[2] : (m[1] ?? '')));
  const keys = split(header ?? '');
  return lines.map((line) => {
    const cells = split(line);
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

const num = (s: string | undefined) =>
  s === undefined || s === 'NA' || s === '' ? null : Number(s);

/**
 * The ASEM index as a munirank methodology: 49 indicators (those with a denominator become
 * derived indicators `raw / denominator`), pillars, sub-indices and the index with the
 * metadata's weights and directions; min–max to [0, 100] and arithmetic means throughout.
 * Options add COINr's example steps: group-mean imputation by EurAsia_group, outlier
 * treatment.
 */
export function readAsem(options: { impute?: boolean; treat?: boolean } = {}): {
  methodology: Methodology;
  data: RatingData;
} {
  const meta = readCsv('ASEM_iMeta.csv');
  const rows = readCsv('ASEM_iData.csv');
  const nodes = new Map<string, MethodologyNode & { kind: 'group' }>();
  const children = new Map<string, MethodologyNode[]>();
  const add = (parent: string, node: MethodologyNode) =>
    children.set(parent, [...(children.get(parent) ?? []), node]);
  const values: Record<string, (number | null)[]> = {};
  for (const m of meta) {
    if (m.Type === 'Indicator') {
      const code = m.iCode as string;
      const denominator = m.Denominator && m.Denominator !== 'NA' ? m.Denominator : null;
      values[denominator ? `raw_${code}` : code] = rows.map((r) => num(r[code]));
      add(m.Parent as string, {
        kind: 'indicator',
        code,
        name: m.iName as string,
        weight: Number(m.Weight),
        direction: Number(m.Direction) === -1 ? -1 : 1,
        normalisation: { method: 'min-max', lower: 0, upper: 100 },
        ...(denominator ? { formula: `raw_${code} / ${denominator}` } : {}),
        ...(options.treat ? { treatment: { maxWinsorised: 5 } } : {}),
      });
    } else if (m.Type === 'Aggregate') {
      nodes.set(m.iCode as string, {
        kind: 'group',
        code: m.iCode as string,
        name: m.iName as string,
        weight: Number(m.Weight),
        aggregation: 'arithmetic',
        children: [],
      });
    }
  }
  for (const [code, node] of nodes) {
    node.children = children.get(code) ?? [];
    const parent = meta.find((m) => m.iCode === code)?.Parent;
    if (parent && parent !== 'NA') add(parent, node);
  }
  for (const d of ['Area', 'Energy', 'GDP', 'Population']) values[d] = rows.map((r) => num(r[d]));
  const index = nodes.get('Index');
  if (!index) throw new Error('ASEM metadata has no Index');
  return {
    methodology: {
      code: 'asem',
      version: 1,
      title: 'ASEM Sustainable Connectivity (COINr example data)',
      effectiveFrom: '2018',
      outputScale: 100,
      tieRule: 'competition',
      missingData: {
        imputation: options.impute ? 'group-mean' : 'none',
        availabilityBasis: 'count',
        minAvailability: 0,
      },
      colourThresholds: [],
      tree: index,
    },
    data: {
      units: rows.map((r) => ({
        code: r.uCode as string,
        name: r.uName as string,
        group: r.EurAsia_group ?? null,
      })),
      values,
    },
  };
}
