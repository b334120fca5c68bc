import { lazy, Suspense, useState } from 'react';
import type { PlanMonthReport } from '../../../src/domain/plan-month.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';
import { PlanForecastTable } from './plan-forecast-table.js';
import { PlanReportDetails } from './plan-report-details.js';

// ECharts is loaded only when a chart is shown on this page.
const PlanExecutionChart = lazy(() =>
  import('./plan-execution-chart.js').then((m) => ({ default: m.PlanExecutionChart })),
);

/**
 * «Выполнение плана за месяц»: Table 2 computed from the stored monthly values for the month
 * picked, the forecast and status of each municipality, and the chart of one of them.
 */
export function PlanMonthSection({
  indicatorCode,
  year,
  initialMonth,
  version,
}: {
  indicatorCode: string;
  year: number;
  initialMonth: string;
  /** Bumped when targets change, so that the table is computed again. */
  version: number;
}) {
  const [month, setMonth] = useState(initialMonth);
  const valid = new RegExp(`^${year}-(0[1-9]|1[0-2])$`).test(month);
  return (
    <section aria-labelledby="plan-month-title" data-testid="plan-month">
      <h2 id="plan-month-title">Выполнение плана за месяц</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Месяц
          <input
            type="month"
            data-testid="plan-month-picker"
            value={month}
            min={`${year}-01`}
            max={`${year}-12`}
            onChange={(e) => setMonth(e.target.value)}
          />
        </label>
      </form>
      {!valid ? (
        <p className="status status--error" role="alert">
          Месяц «{month}» вне {year} года: выберите месяц плана.
        </p>
      ) : null}
      {valid ? (
        <MonthLoader
          key={version}
          url={`/api/plans/${encodeURIComponent(indicatorCode)}/execution?month=${month}`}
        />
      ) : null}
    </section>
  );
}

/** Loads the month's table; remounted (so loaded again) when the targets change. */
function MonthLoader({ url }: { url: string }) {
  const report = useApiData<PlanMonthReport>(url);
  if (report.status === 'error') return <ErrorState message={report.message} />;
  if (report.status !== 'ok') return <LoadingState />;
  return <MonthReport report={report.data} />;
}

function MonthReport({ report }: { report: PlanMonthReport }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const row = report.rows.find((r) => r.municipality.code === chosen) ?? report.rows[0];
  return (
    <>
      <PlanReportDetails report={report} />
      <PlanForecastTable report={report} />
      {row ? (
        <section aria-labelledby="plan-chart-title">
          <h3 id="plan-chart-title">Нарастающим итогом против плана</h3>
          <label>
            ОМСУ{' '}
            <select value={row.municipality.code} onChange={(e) => setChosen(e.target.value)}>
              {report.rows.map((r) => (
                <option key={r.municipality.code} value={r.municipality.code}>
                  {r.municipality.name}
                </option>
              ))}
            </select>
          </label>
          <Suspense fallback={<LoadingState />}>
            <PlanExecutionChart row={row} />
          </Suspense>
        </section>
      ) : null}
    </>
  );
}
