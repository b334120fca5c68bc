// `npm run bench reports`: the commission's briefing note (DOCX and PDF) for 2,500
// municipalities with 12 months of plan data — time and peak memory of each document, beside
// the time to compute the rating of the same 2,500 municipalities in the same run. Each
// measurement runs in a process of its own, so that its peak memory is its own, and runs the
// compiled code in dist/ with plain node (bench/reports-document.mjs), as a user's process
// does: dist/ is brought up to date first. The goal: each document under 5 s and
// under 500 MB. Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommissionReport } from '../src/domain/commission-report.js';
import { planStanding } from '../src/domain/commission-report.js';
import type { Methodology } from '../src/domain/methodology.js';
import type { PlanMonthReport } from '../src/domain/plan-month.js';
import type { RatingSnapshotView } from '../src/domain/rating-snapshot.js';
import { cumulativeExecution, forecastYearEnd } from '../src/engine/plan-forecast.js';
import { drawRandom } from '../src/engine/prng.js';
import { buildPlanRow } from '../src/server/features/plans/plan-row.js';
import { buildDist, cliNodeFlags, root } from './bench-dist.js';

const UNITS = 2_500;
const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const random = drawRandom(2025, UNITS * 20);
const units = Array.from({ length: UNITS }, (_, i) => ({
  id: i + 1,
  code: `mo-${i}`,
  name: `Муниципальное образование № ${i + 1}`,
  kind: 'municipal_district' as const,
}));
const rated = new Float64Array(UNITS).map(() => random());
const perThousand = new Float64Array(UNITS).map(() => random() * 60);

const methodology: Methodology = {
  code: 'bench-reports',
  version: 1,
  title: 'Рейтинг для замера',
  effectiveFrom: '2025',
  outputScale: 1,
  tieRule: 'competition',
  missingData: { imputation: 'none', availabilityBasis: 'weight', minAvailability: 0.5 },
  colourThresholds: [],
  tree: {
    kind: 'group',
    code: 'INDEX',
    name: 'Индекс',
    weight: 1,
    aggregation: 'arithmetic',
    children: ['rating', 'esia'].map((code) => ({
      kind: 'indicator' as const,
      code,
      name: code,
      weight: 1,
      direction: 1 as const,
      normalisation: { method: 'min-max' as const },
    })),
  },
};

/** The rating's inputs, as JSON: the child makes Float64Arrays of the values again. */
const ratingInput = () => ({
  methodology,
  units: units.map((u) => ({ code: u.code, name: u.name })),
  values: { rating: [...rated], esia: [...perThousand] },
});

/** The note's inputs for 2,500 municipalities: a rating, Table 2 of December, the measures. */
function report(): CommissionReport {
  const order = [...units.keys()].sort((a, b) => (rated[b] ?? 0) - (rated[a] ?? 0));
  const rows = order.map((i, place) => ({
    place: place + 1,
    placeLabel: String(place + 1),
    municipality: units[i] as (typeof units)[number],
    values: { rating: rated[i] ?? null, esia: perThousand[i] ?? null },
  }));
  const rating: RatingSnapshotView = {
    id: 1,
    code: 'bench-2025-12',
    title: 'Рейтинг для замера',
    period: '2025-12',
    asOf: '2026-01-01',
    methodologyCode: methodology.code,
    source: { document: 'замер', table: null, note: null },
    contentHash: '0'.repeat(64),
    createdAt: '2026-01-01T00:00:00Z',
    publishedAt: '2026-01-02T00:00:00Z',
    rowCount: UNITS,
    columns: [
      { key: 'rating', title: 'Значение показателя рейтинга', unit: null, decimals: 3 },
      { key: 'esia', title: 'Регистрации в ЕСИА на 1000 жителей', unit: 'чел.', decimals: 2 },
    ],
    rows,
    notes: [],
  };
  const planRows = units.map((u) => {
    const monthly = months.map(() => Math.round(200 + random() * 800));
    const start = Math.round(5_000 + random() * 10_000);
    const target = start + Math.round(6_000 + random() * 6_000);
    const row = buildPlanRow({
      municipality: u,
      months,
      asOf: '2026-01-01',
      startOfYear: start,
      targetYearEnd: target,
      monthly,
      totalToDate: start + monthly.reduce((a, b) => a + b, 0),
      population: Math.round(20_000 + random() * 100_000),
      populationIllustrative: false,
      printed: [],
    });
    const increment = target - start;
    return {
      ...row,
      targetOrigin: 'rule' as const,
      forecast: forecastYearEnd({ monthly, lastYear: [], yearIncrement: increment }),
      cumulative: cumulativeExecution(monthly, increment),
    };
  });
  const plan: PlanMonthReport = {
    code: 'bench-plan',
    title: 'Выполнение плана на 2025 год',
    indicatorCode: 'esia_total',
    year: 2025,
    asOf: '2026-01-01',
    months,
    source: { document: 'замер', table: null, note: null },
    month: '2025-12',
    rule: null,
    rows: planRows as PlanMonthReport['rows'],
    problems: [],
  };
  return {
    meetingDate: '2026-01-20',
    regionName: 'Регион для замера',
    rating,
    previousRating: null,
    top: rows.slice(0, 5),
    bottom: rows.slice(-5),
    risers: [],
    fallers: [],
    plan,
    standings: planRows.map((r) => planStanding(r as PlanMonthReport['rows'][number])),
    measures: {
      year: 2025,
      asOf: '2026-01-20',
      rows: [],
      byOfficial: units.map((u) => ({
        municipality: u,
        responsibleName: 'Ответственный',
        total: 4,
        done: 2,
        late: 1,
        notStarted: 0,
        inProgress: 1,
      })),
      overdue: units.slice(0, 500).map((u, k) => ({
        id: k + 1,
        municipality: u,
        title: 'Организовать работу центра обслуживания',
        responsibleName: 'Ответственный',
        deadline: '2025-09-30',
        status: 'in_progress' as const,
      })),
    },
  };
}

buildDist();
console.log(
  'Код собран в dist/ (tsc -p tsconfig.build.json); каждый замер — отдельный процесс node без tsx.',
);
const dir = mkdtempSync(join(tmpdir(), 'munirank-reports-bench-'));
try {
  const inputs = { rating: join(dir, 'rating.json'), report: join(dir, 'report.json') };
  writeFileSync(inputs.rating, JSON.stringify(ratingInput()));
  writeFileSync(inputs.report, JSON.stringify(report()));
  const run = (what: string) => {
    const r = spawnSync(
      process.execPath,
      [
        ...cliNodeFlags(),
        join(root, 'bench', 'reports-document.mjs'),
        what,
        what === 'rating' ? inputs.rating : inputs.report,
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`${what}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as {
      ms: number;
      cpuMs: number;
      peakMb: number;
      bytes: number;
    };
  };
  const rating = run('rating');
  console.log(
    `Расчёт рейтинга ${UNITS} ОМСУ (база сравнения): ${rating.ms.toFixed(0)} мс (процессорное время ${rating.cpuMs.toFixed(0)} мс), пик памяти процесса ${rating.peakMb.toFixed(0)} МБ`,
  );
  for (const format of ['docx', 'pdf']) {
    const r = run(format);
    console.log(
      `Справка ${format.toUpperCase()} на ${UNITS} ОМСУ, 12 месяцев плана: ${r.ms.toFixed(0)} мс ` +
        `(${(r.ms / rating.ms).toFixed(1)} × расчёт рейтинга; процессорное время ${r.cpuMs.toFixed(0)} мс), пик памяти ${r.peakMb.toFixed(0)} МБ, ` +
        `файл ${(r.bytes / 1024 / 1024).toFixed(1)} МБ — цель: < 5 000 мс и < 500 МБ`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
