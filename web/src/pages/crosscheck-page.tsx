import { useState } from 'react';
import type { CrossCheckReport } from '../../../src/domain/cross-check.js';
import { entryPeriodLabel } from '../../../src/domain/entry-period.js';
import { useApiData } from '../api/use-api-data.js';
import { DiscrepancyRow } from '../components/discrepancy-row.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { MonthForm } from '../components/month-form.js';
import { PermittedPage } from '../components/permitted-page.js';
import { ToleranceForm } from '../components/tolerance-form.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Расхождения источников»: a month's reports against source-system extracts. */
export function CrossCheckPage() {
  useDocumentTitle('Расхождения источников');
  const initial = new URLSearchParams(window.location.search).get('period') ?? '';
  return (
    <PermittedPage title="Расхождения источников" permission="data.approve">
      <MonthForm initial={initial} example="2017-03">
        {(period) => <Report key={period} period={period} />}
      </MonthForm>
      <ToleranceForm />
    </PermittedPage>
  );
}

function Report({ period }: { period: string }) {
  const [version, setVersion] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const report = useApiData<CrossCheckReport>(`/api/crosscheck/${period}?v=${version}`);
  if (report.status === 'error') return <ErrorState message={report.message} />;
  if (report.status !== 'ok') return <LoadingState />;
  const rows = showAll ? report.data.rows : report.data.rows.filter((r) => r.status === 'open');
  return (
    <section aria-label="Расхождения">
      <h2>
        {entryPeriodLabel(period)}: открытых расхождений {report.data.open}
      </h2>
      <label>
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />{' '}
        показать и сравнения в пределах допуска, и разрешённые
      </label>
      {rows.length === 0 ? (
        <p className="status">Открытых расхождений нет.</p>
      ) : (
        <table className="data-table" data-testid="crosscheck-table">
          <thead>
            <tr>
              <th>ОМСУ</th>
              <th>Показатель, период</th>
              <th>Отчёт ОМСУ</th>
              <th>Выгрузка</th>
              <th>Разница</th>
              <th>Решение</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <DiscrepancyRow
                key={`${r.observationId}-${r.extract.revision}`}
                row={r}
                onResolved={() => setVersion((v) => v + 1)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
