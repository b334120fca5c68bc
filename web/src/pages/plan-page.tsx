import { roleMay } from '../../../src/domain/access.js';
import type { PlanExecutionReport } from '../../../src/domain/plan-execution.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { CodeSelect } from '../components/code-select.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PlanReportDetails } from '../components/plan-report-details.js';
import { PlanStaffView } from '../components/plan-staff-view.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { planPath } from '../routing/match-route.js';
import { navigate } from '../routing/use-location-path.js';

/** What `GET /api/plan-reports` lists. */
interface PlanReportSummary {
  code: string;
  title: string;
  year: number;
  asOf: string;
}

/** «Выполнение плана»: the list of plan-execution reports and the chosen one's table. */
export function PlanPage({ code }: { code: string | null }) {
  useDocumentTitle('Выполнение плана');
  const list = useApiData<PlanReportSummary[]>('/api/plan-reports');
  // With no code in the address, the newest report (the API lists newest first).
  const selected = code ?? (list.status === 'ok' ? (list.data[0]?.code ?? null) : null);
  const report = useApiData<PlanExecutionReport>(
    selected === null ? null : `/api/plan-reports/${encodeURIComponent(selected)}`,
  );

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Выполнение плана</h1>
      {list.status === 'loading' ? <LoadingState /> : null}
      {list.status === 'error' ? <ErrorState message={list.message} /> : null}
      {list.status === 'ok' && list.data.length === 0 && code === null ? (
        <p className="status">Отчётов о выполнении плана пока нет.</p>
      ) : null}
      {list.status === 'ok' && selected !== null ? (
        <CodeSelect
          label="Отчёт"
          testId="plan-report-select"
          value={selected}
          options={list.data.map((r) => ({
            code: r.code,
            label: `${r.title} (на ${formatDateRu(r.asOf)})`,
          }))}
          onChange={(next) => navigate(planPath(next))}
        />
      ) : null}
      {report.status === 'loading' && list.status !== 'loading' ? <LoadingState /> : null}
      {report.status === 'error' ? <ErrorState message={report.message} /> : null}
      {report.status === 'ok' ? <ReportView report={report.data} /> : null}
    </section>
  );
}

/**
 * The public sees the stored report; staff who read summaries see the targets and Table 2
 * computed for any month (the stored report's printed figures beside it for its own month).
 */
function ReportView({ report }: { report: PlanExecutionReport }) {
  const session = useSession();
  const role = session?.authenticated ? session.user.role : null;
  if (role === null || !roleMay(role, 'summaries.read'))
    return <PlanReportDetails report={report} />;
  return (
    <PlanStaffView
      key={report.code}
      indicatorCode={report.indicatorCode}
      initialMonth={report.months.at(-1) ?? `${report.year}-01`}
      role={role}
    />
  );
}
