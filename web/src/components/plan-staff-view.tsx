import { useState } from 'react';
import { type Role, roleMay } from '../../../src/domain/access.js';
import type { PlanTargets } from '../../../src/domain/plan-targets.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';
import { PlanMonthSection } from './plan-month-section.js';
import { PlanTargetsPanel } from './plan-targets-panel.js';

const MONTH = /^(20\d\d|2100)-(0[1-9]|1[0-2])$/;

/**
 * The plan as staff who read summaries see it: a month of any plan year and a set of
 * municipalities, the year's targets and rule (analysts change them), Table 2 for the month.
 */
export function PlanStaffView({
  indicatorCode,
  initialMonth,
  role,
}: {
  indicatorCode: string;
  initialMonth: string;
  role: Role;
}) {
  const [month, setMonth] = useState(initialMonth);
  const [municipalities, setMunicipalities] = useState<string[]>([]);
  const valid = MONTH.test(month);
  const year = valid ? Number(month.slice(0, 4)) : null;
  return (
    <>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Месяц
          <input
            type="month"
            data-testid="plan-month-picker"
            value={month}
            onChange={(e) => setMonth(e.target.value)}
          />
        </label>
      </form>
      {!valid ? (
        <p className="status status--error" role="alert">
          Месяц «{month}» не распознан: выберите месяц, например март 2017 года.
        </p>
      ) : null}
      {year !== null ? (
        <YearPlan
          key={year}
          indicatorCode={indicatorCode}
          year={year}
          month={month}
          role={role}
          municipalities={municipalities}
          onMunicipalities={setMunicipalities}
        />
      ) : null}
    </>
  );
}

function YearPlan({
  indicatorCode,
  year,
  month,
  role,
  municipalities,
  onMunicipalities,
}: {
  indicatorCode: string;
  year: number;
  month: string;
  role: Role;
  municipalities: string[];
  onMunicipalities: (codes: string[]) => void;
}) {
  const loaded = useApiData<PlanTargets>(
    `/api/plans/${encodeURIComponent(indicatorCode)}/${year}/targets`,
  );
  // A change of rule or target answers with the new targets; Table 2 is then computed again.
  const [changed, setChanged] = useState<{ targets: PlanTargets; count: number } | null>(null);
  if (loaded.status === 'error') return <ErrorState message={loaded.message} />;
  if (loaded.status !== 'ok') return <LoadingState />;
  const targets = changed?.targets ?? loaded.data;
  const planned = targets.rows.filter((r) => r.target !== null);
  const shown = municipalities.filter((c) => planned.some((r) => r.municipality.code === c));
  return (
    <>
      <PlanTargetsPanel
        indicatorCode={indicatorCode}
        targets={targets}
        defaultMonthly=""
        editable={roleMay(role, 'reference.write')}
        onChanged={(next) => setChanged({ targets: next, count: (changed?.count ?? 0) + 1 })}
      />
      <section aria-labelledby="plan-month-title" data-testid="plan-month">
        <h2 id="plan-month-title">Выполнение плана за месяц</h2>
        <label>
          ОМСУ (несколько — с Ctrl; ничего не выбрано — все с целевым показателем)
          <select
            multiple
            data-testid="plan-municipalities"
            value={shown}
            size={Math.min(6, Math.max(2, planned.length))}
            onChange={(e) => onMunicipalities([...e.target.selectedOptions].map((o) => o.value))}
          >
            {planned.map((r) => (
              <option key={r.municipality.code} value={r.municipality.code}>
                {r.municipality.name}
              </option>
            ))}
          </select>
        </label>
        <PlanMonthSection
          key={changed?.count ?? 0}
          indicatorCode={indicatorCode}
          month={month}
          municipalities={shown}
        />
      </section>
    </>
  );
}
