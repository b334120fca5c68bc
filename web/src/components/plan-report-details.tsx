import type { PlanExecutionReport } from '../../../src/domain/plan-execution.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { DISCREPANCY_EXPLANATION } from './plan-figure-cell.js';
import { PlanTable } from './plan-table.js';
import { PlanWarnings } from './plan-warnings.js';
import { SourceDetails } from './source-details.js';

/** One plan-execution report: heading, source, the table and what in the source does not add up. */
export function PlanReportDetails({ report }: { report: PlanExecutionReport }) {
  const rows = report.rows;
  const anyDiffers = rows.some((r) => r.figures.some((f) => f.agreement === 'differs'));
  const anyIllustrative = rows.some((r) => r.inputs.populationIllustrative);
  return (
    <article className="document" aria-labelledby="report-title" data-testid="plan-report">
      <header className="document__head">
        <h2 id="report-title">{report.title}</h2>
        <p className="as-of" data-testid="as-of">
          по состоянию на {formatDateRu(report.asOf)}
        </p>
        <SourceDetails source={report.source} />
      </header>
      <PlanTable report={report} />
      <div className="legend">
        <p>Проценты вычислены из исходных данных таблицы, а не перепечатаны из документа.</p>
        {anyDiffers ? (
          <p>
            <span className="warn-mark" aria-hidden="true">
              ⚠
            </span>{' '}
            «в источнике» — значение, напечатанное в документе, если {DISCREPANCY_EXPLANATION}.
          </p>
        ) : null}
        {anyIllustrative ? (
          <p>
            «Условное значение» — численность населения, которой нет в источнике; взята для примера
            и не является официальной.
          </p>
        ) : null}
      </div>
      <PlanWarnings rows={rows} />
    </article>
  );
}
