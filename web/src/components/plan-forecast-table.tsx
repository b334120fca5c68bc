import {
  FORECAST_METHOD_LABELS,
  PLAN_STATUS_LABELS,
  type PlanMonthReport,
} from '../../../src/domain/plan-month.js';
import { formatNumberRu, formatPercentRu } from '../../../src/domain/russian-number-format.js';

/** Year-end forecast per municipality: both methods where they differ, the status with its arrow. */
export function PlanForecastTable({ report }: { report: PlanMonthReport }) {
  return (
    <section aria-labelledby="plan-forecast-title">
      <h3 id="plan-forecast-title">Прогноз на конец {report.year} года и статус</h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="plan-forecast">
          <thead>
            <tr>
              <th scope="col">Наименование ОМСУ</th>
              <th scope="col" className="num">
                Цель на год (прирост)
              </th>
              <th scope="col" className="num">
                Прогноз: линейный
              </th>
              <th scope="col" className="num">
                Прогноз: сезонный
              </th>
              <th scope="col">Принят прогноз</th>
              <th scope="col" className="num">
                % плана по прогнозу
              </th>
              <th scope="col">Статус</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const f = row.forecast;
              const status = f.status ? PLAN_STATUS_LABELS[f.status] : null;
              const increment = row.figures.find((x) => x.key === 'year_increment')?.computed;
              return (
                <tr
                  key={row.municipality.code}
                  data-testid="plan-forecast-row"
                  data-municipality={row.municipality.code}
                  data-status={f.status ?? ''}
                >
                  <th scope="row">{row.municipality.name}</th>
                  <td className="num">{formatNumberRu(increment ?? null, 0)}</td>
                  <td className="num">{formatNumberRu(f.linear, 0)}</td>
                  <td className="num">
                    {f.seasonalNaive === null
                      ? 'нет данных прошлого года'
                      : formatNumberRu(f.seasonalNaive, 0)}
                  </td>
                  <td>{f.method ? FORECAST_METHOD_LABELS[f.method] : '—'}</td>
                  <td className="num">{formatPercentRu(f.percentOfPlan, 2)}</td>
                  <td className={`plan-status plan-status--${f.status ?? 'none'}`}>
                    {status ? (
                      <>
                        <span aria-hidden="true">{status.arrow} </span>
                        {status.label}
                      </>
                    ) : (
                      'не определён'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="legend">
        Статус по прогнозу прироста за год: не меньше 100 % цели — выполняется (↑), от 80 % до 100 %
        — под угрозой (→), меньше 80 % — отстаёт (↓). Сезонный прогноз берёт оставшиеся месяцы из
        прошлого года и принимается, где они есть; иначе — линейный по темпу месяцев с начала года.
      </p>
    </section>
  );
}
