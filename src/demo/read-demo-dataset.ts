import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateMethodology } from '../engine/validate-methodology.js';
import { InputError, type InputProblem } from '../ingest/input-problem.js';
import { buildNameIndex } from '../ingest/match-municipality.js';
import { parsePastedTable } from '../ingest/pasted-table.js';
import { CellReader } from '../ingest/read-cells.js';
import type { DemoDataset, DemoPlanReport, DemoSnapshot } from './demo-dataset.js';

/** `demo/` at the package root: two levels up from both `src/demo` and `dist/demo`. */
export const DEMO_ROOT = fileURLToPath(new URL('../../demo/', import.meta.url));
/** `methodologies/` at the package root: the methodologies shipped as examples. */
export const METHODOLOGY_ROOT = fileURLToPath(new URL('../../methodologies/', import.meta.url));

interface DatasetFile {
  version: number;
  /** File names under `methodologies/`: stored with the demo so staff can compute with them. */
  methodologies: string[];
  documents: Record<string, string>;
  indicators: DemoDataset['indicators'];
  table1: Omit<DemoSnapshot, 'rows' | 'observationPeriod' | 'sourceLabel'> & { file: string };
  table2: Omit<DemoPlanReport, 'rows' | 'sourceLabel'> & { file: string };
  top2022: Omit<DemoSnapshot, 'rows' | 'observationPeriod' | 'sourceLabel'> & {
    rows: {
      place: number | null;
      placeLabel: string;
      name: string;
      values: Record<string, number>;
    }[];
  };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Reads and checks the demo data set of a region. The seed tables are kept exactly as the
 * source document printed them (tags, blank lines, Russian numbers) and go through the same
 * parsers as any pasted table; any problem stops the load with file · row · column.
 */
export function readDemoDataset(regionDir = join(DEMO_ROOT, 'orenburg')): DemoDataset {
  const registry = readJson<{
    region: DemoDataset['region'];
    municipalities: DemoDataset['municipalities'];
  }>(join(regionDir, 'municipalities.json'));
  const spec = readJson<DatasetFile>(join(regionDir, 'dataset.json'));
  const match = buildNameIndex(registry.municipalities);
  const problems: InputProblem[] = [];

  const table1 = readTable1(regionDir, spec, match, problems);
  const planReport = readTable2(regionDir, spec, match, problems);
  const top = spec.top2022;
  const topRows = top.rows.map((r, i) => {
    const code = match(r.name);
    if (!code)
      problems.push({
        file: 'dataset.json',
        row: i + 1,
        column: 'top2022.name',
        message: `неизвестное ОМСУ «${r.name}»`,
      });
    return {
      place: r.place,
      placeLabel: r.placeLabel,
      municipalityCode: code ?? '',
      values: r.values,
    };
  });
  const methodologies = spec.methodologies.flatMap((file) => {
    const checked = validateMethodology(readJson<unknown>(join(METHODOLOGY_ROOT, file)));
    if (checked.ok) return [checked.methodology];
    problems.push(
      ...checked.errors.map((e) => ({ file, row: null, column: e.path, message: e.message })),
    );
    return [];
  });
  if (problems.length > 0) throw new InputError(problems);

  const { rows: _unused, ...topMeta } = top;
  return {
    version: spec.version,
    region: registry.region,
    municipalities: registry.municipalities,
    documents: spec.documents,
    indicators: spec.indicators,
    snapshots: [
      table1,
      {
        ...topMeta,
        rows: topRows,
        observationPeriod: top.period,
        sourceLabel: spec.documents[top.document] ?? top.document,
      },
    ],
    planReport,
    methodologies,
  };
}

function readTable1(
  dir: string,
  spec: DatasetFile,
  match: (n: string) => string | null,
  problems: InputProblem[],
) {
  const { file, ...meta } = spec.table1;
  const table = parsePastedTable(readFileSync(join(dir, file), 'utf8'));
  const keys = meta.columns.map((c) => c.key);
  const rows = table.rows.map((row) => {
    const cells = new CellReader(file, table.header, row, problems);
    const place = cells.number(0, { integer: true, min: 1 });
    const name = cells.text(1) ?? '';
    const code = match(name);
    if (name && !code)
      problems.push({
        file,
        row: row.line,
        column: table.header[1] ?? null,
        message: `неизвестное ОМСУ «${name}»`,
      });
    const values = Object.fromEntries(
      keys.map((k, i) => [k, cells.number(2 + i, { min: 0 })?.value ?? null]),
    );
    return {
      place: place?.value ?? null,
      placeLabel: String(place?.value ?? ''),
      municipalityCode: code ?? '',
      values,
    };
  });
  const sourceLabel = `${spec.documents[meta.document] ?? meta.document}, ${meta.table}`;
  return { ...meta, rows, observationPeriod: meta.asOf, sourceLabel } satisfies DemoSnapshot;
}

function readTable2(
  dir: string,
  spec: DatasetFile,
  match: (n: string) => string | null,
  problems: InputProblem[],
) {
  const { file, ...meta } = spec.table2;
  const table = parsePastedTable(readFileSync(join(dir, file), 'utf8'));
  const [m1, m2] = meta.months;
  const rows = table.rows.map((row) => {
    const cells = new CellReader(file, table.header, row, problems);
    const name = cells.text(0) ?? '';
    const code = match(name);
    if (name && !code)
      problems.push({
        file,
        row: row.line,
        column: table.header[0] ?? null,
        message: `неизвестное ОМСУ «${name}»`,
      });
    const count = (i: number) => cells.number(i, { integer: true, min: 0 });
    const printed = (key: string, i: number) => {
      const v = cells.number(i, { min: 0 });
      return v ? { key, value: v.value, decimals: v.decimals } : null;
    };
    const figures = [
      printed('year_increment', 5),
      printed(`month_percent:${m1}`, 6),
      printed(`month_percent:${m2}`, 7),
      printed('ytd_percent', 8),
      printed('registered_percent', 11),
    ];
    return {
      municipalityCode: code ?? '',
      startOfYear: count(1)?.value ?? 0,
      monthly: [count(2)?.value ?? 0, count(3)?.value ?? 0],
      targetYearEnd: count(4)?.value ?? 0,
      totalToDate: count(9)?.value ?? 0,
      population: count(10)?.value ?? 0,
      printed: figures.filter((f) => f !== null),
    };
  });
  const sourceLabel = `${spec.documents[meta.document] ?? meta.document}, ${meta.table}`;
  return { ...meta, rows, sourceLabel } satisfies DemoPlanReport;
}
