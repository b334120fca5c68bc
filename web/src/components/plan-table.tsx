import type { PlanExecutionReport, PlanFigure } from '../../../src/domain/plan-execution.js';
import { formatDateRu, formatMonthRu } from '../../../src/domain/russian-date-format.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { PlanFigureCell } from './plan-figure-cell.js';
import { planWarningId } from './plan-warnings.js';

/** The figure columns in the order the rows give them (rows may lack some figures). */
function figureColumns(report: PlanExecutionReport): Pick<PlanFigure, 'key' | 'label'>[] {
  const columns = new Map<string, string>();
  for (const row of report.rows) {
    for (const figure of row.figures) {
      if (!columns.has(figure.key)) columns.set(figure.key, figure.label);
    }
  }
  return [...columns].map(([key, label]) => ({ key, label }));
}

const count = (value: number | null): string => formatNumberRu(value, 0);

/** The figure the seed's Table 2 prints last, after the population it is computed from. */
const LAST_FIGURE = 'registered_percent';

/**
 * Table 2 of the 2017 report in the source's column order: inputs, the plan figures computed
 * from them, the total and the population, and the share registered.
 */
export function PlanTable({ report }: { report: PlanExecutionReport }) {
  const all = figureColumns(report);
  const figures = all.filter((f) => f.key !== LAST_FIGURE);
  const trailing = all.filter((f) => f.key === LAST_FIGURE);
  const headers = (list: typeof all) =>
    list.map((f) => (
      <th key={f.key} scope="col" className="num" data-figure={f.key}>
        {f.label}
      </th>
    ));
  return (
    // The region scrolls sideways on narrow screens; keyboard users reach it with Tab.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <section className="table-scroll" aria-label={report.title} tabIndex={0}>
      <table className="data-table plan-table" data-testid="plan-table" data-report={report.code}>
        <caption className="visually-hidden">{report.title}</caption>
        <thead>
          <tr>
            <th scope="col">Наименование ОМСУ</th>
            <th scope="col" className="num">
              Регистраций на начало {report.year} года
            </th>
            {report.months.map((month) => (
              <th key={month} scope="col" className="num" data-month={month}>
                Регистраций за {formatMonthRu(month)}
              </th>
            ))}
            <th scope="col" className="num">
              Целевой показатель на конец {report.year} года
            </th>
            {headers(figures)}
            <th scope="col" className="num">
              Всего регистраций на {formatDateRu(report.asOf)}
            </th>
            <th scope="col" className="num">
              Численность населения МО
            </th>
            {headers(trailing)}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => {
            const { inputs } = row;
            return (
              <tr
                key={row.municipality.code}
                data-testid="plan-row"
                data-municipality={row.municipality.code}
                data-warnings={row.warnings.length}
              >
                <th scope="row" className="name">
                  {row.municipality.name}
                  {row.warnings.length > 0 ? (
                    <a
                      className="row-warning-link"
                      href={`#${planWarningId(row.municipality.code)}`}
                      title="есть замечания к данным"
                    >
                      <span aria-hidden="true">⚠</span>
                      <span className="visually-hidden">есть замечания к данным</span>
                    </a>
                  ) : null}
                </th>
                <td className="num" data-input="startOfYear">
                  {count(inputs.startOfYear)}
                </td>
                {report.months.map((month) => (
                  <td key={month} className="num" data-month={month}>
                    {count(inputs.monthly.find((m) => m.month === month)?.count ?? null)}
                  </td>
                ))}
                <td className="num" data-input="targetYearEnd">
                  {count(inputs.targetYearEnd)}
                </td>
                {figures.map((f) => (
                  <PlanFigureCell key={f.key} figure={row.figures.find((x) => x.key === f.key)} />
                ))}
                <td className="num" data-input="totalToDate">
                  {count(inputs.totalToDate)}
                </td>
                <td
                  className="num"
                  data-input="population"
                  data-illustrative={inputs.populationIllustrative ? 'true' : undefined}
                >
                  {count(inputs.population)}
                  {inputs.populationIllustrative ? (
                    <span className="illustrative">условное значение</span>
                  ) : null}
                </td>
                {trailing.map((f) => (
                  <PlanFigureCell key={f.key} figure={row.figures.find((x) => x.key === f.key)} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
