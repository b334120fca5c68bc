import { lazy, Suspense, useState } from 'react';
import type { PlanMonthReport } from '../../../src/domain/plan-month.js';
import { useApiData } from '../api/use-api-data.js';
import { DownloadLinks } from './download-links.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';
import { PlanForecastTable } from './plan-forecast-table.js';
import { PlanReportDetails } from './plan-report-details.js';

// ECharts is loaded only when a chart is shown on this page.
const PlanExecutionChart = lazy(() =>
  import('./plan-execution-chart.js').then((m) => ({ default: m.PlanExecutionChart })),
);

/**
 * Table 2 computed from the stored monthly values for a month and a set of municipalities
 * (all with a target when none is chosen), the forecast and status of each, and the chart of
 * one of them.
 */
export function PlanMonthSection({
  indicatorCode,
  month,
  municipalities,
}: {
  indicatorCode: string;
  month: string;
  municipalities: string[];
}) {
  const chosen = municipalities.length > 0 ? `&municipalities=${municipalities.join(',')}` : '';
  const report = useApiData<PlanMonthReport>(
    `/api/plans/${encodeURIComponent(indicatorCode)}/execution?month=${month}${chosen}`,
  );
  if (report.status === 'error') return <ErrorState message={report.message} />;
  if (report.status !== 'ok') return <LoadingState />;
  return (
    <>
      <DownloadLinks
        url={`/api/plans/${encodeURIComponent(indicatorCode)}/execution/table`}
        query={`month=${month}${chosen}`}
        formats={['xlsx', 'pdf', 'csv']}
        label="Таблица 2 для справки"
        testId="plan-table-download"
      />
      <MonthReport report={report.data} />
    </>
  );
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
