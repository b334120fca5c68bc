import type { PlanExecutionRow } from '../../../src/domain/plan-execution.js';

export const planWarningId = (municipalityCode: string): string =>
  `plan-warning-${municipalityCode}`;

/** Data-quality warnings, kept visible rather than "fixed": the source is shown as it is. */
export function PlanWarnings({ rows }: { rows: PlanExecutionRow[] }) {
  const warnings = rows.flatMap((row) =>
    row.warnings.map((warning, index) => ({ row, warning, first: index === 0 })),
  );
  if (warnings.length === 0) return null;
  return (
    <section className="warnings" aria-labelledby="plan-warnings-title" data-testid="plan-warnings">
      <h3 id="plan-warnings-title">
        <span aria-hidden="true">⚠ </span>Замечания к данным источника
      </h3>
      <ul>
        {warnings.map(({ row, warning, first }) => (
          <li
            key={`${row.municipality.code}:${warning.code}:${warning.message}`}
            id={first ? planWarningId(row.municipality.code) : undefined}
            data-testid="plan-warning"
            data-municipality={row.municipality.code}
            data-code={warning.code}
          >
            <strong>{row.municipality.name}</strong>: {warning.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
