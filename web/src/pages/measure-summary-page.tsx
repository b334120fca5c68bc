import { type FormEvent, useState } from 'react';
import { MEASURE_STATUS_LABELS, type MeasureSummary } from '../../../src/domain/plan-measure.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Сводка по мероприятиям»: for the commission, measures by status per municipality and quarter. */
export function MeasureSummaryPage() {
  useDocumentTitle('Сводка по мероприятиям');
  return (
    <PermittedPage title="Сводка по мероприятиям" permission="summaries.read">
      <SummaryChooser />
    </PermittedPage>
  );
}

function SummaryChooser() {
  const [yearText, setYearText] = useState(String(new Date().getFullYear()));
  const [year, setYear] = useState<number | null>(null);
  const open = (event: FormEvent) => {
    event.preventDefault();
    setYear(Number(yearText.trim()));
  };
  const valid = year !== null && Number.isInteger(year) && year >= 2000 && year <= 2100;
  return (
    <>
      <form className="filters" onSubmit={open}>
        <label>
          Год
          <input
            value={yearText}
            inputMode="numeric"
            onChange={(e) => setYearText(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      {year !== null && !valid ? (
        <p className="status status--error" role="alert">
          Год «{yearText}» не распознан: введите год, например 2025.
        </p>
      ) : null}
      {valid ? <Summary year={year} /> : null}
    </>
  );
}

function Summary({ year }: { year: number }) {
  const data = useApiData<MeasureSummary>(`/api/measure-summary/${year}`);
  if (data.status === 'error') return <ErrorState message={data.message} />;
  if (data.status !== 'ok') return <LoadingState />;
  const summary = data.data;
  if (summary.rows.length === 0)
    return <p className="status">На {year} год мероприятий в планах ОМСУ нет.</p>;
  return (
    <>
      <h2>Мероприятия по статусам на {formatDateRu(summary.asOf)}</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="measure-summary">
          <thead>
            <tr>
              <th scope="col">Муниципальное образование</th>
              <th scope="col">Квартал</th>
              <th scope="col" className="num">
                Всего
              </th>
              <th scope="col" className="num">
                {MEASURE_STATUS_LABELS.not_started}
              </th>
              <th scope="col" className="num">
                {MEASURE_STATUS_LABELS.in_progress}
              </th>
              <th scope="col" className="num">
                {MEASURE_STATUS_LABELS.done}
              </th>
              <th scope="col" className="num">
                {MEASURE_STATUS_LABELS.not_done}
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((r) => (
              <tr key={`${r.municipality.code}/${r.quarter}`}>
                <th scope="row">{r.municipality.name}</th>
                <td>{r.quarter} кв.</td>
                <td className="num">{r.total}</td>
                <td className="num">{r.not_started}</td>
                <td className="num">{r.in_progress}</td>
                <td className="num">{r.done}</td>
                <td className="num">{r.not_done}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>По ответственным должностным лицам</h2>
      <div className="table-scroll">
        <table className="data-table" data-testid="measure-by-official">
          <thead>
            <tr>
              <th scope="col">Муниципальное образование</th>
              <th scope="col">Ответственный</th>
              <th scope="col" className="num">
                Всего
              </th>
              <th scope="col" className="num">
                выполнено
              </th>
              <th scope="col" className="num">
                просрочено
              </th>
              <th scope="col" className="num">
                не начато
              </th>
              <th scope="col" className="num">
                в работе
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.byOfficial.map((r) => (
              <tr key={`${r.municipality.code}/${r.responsibleName}`}>
                <th scope="row">{r.municipality.name}</th>
                <td>{r.responsibleName}</td>
                <td className="num">{r.total}</td>
                <td className="num">{r.done}</td>
                <td className="num">{r.late}</td>
                <td className="num">{r.notStarted}</td>
                <td className="num">{r.inProgress}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="legend">
        Выполнено — последний отчёт «выполнено»; просрочено — срок прошёл, а мероприятие не
        выполнено; не начато — отчёта нет или «не начато», срок не прошёл; в работе — остальные.
      </p>
      <h2>Просроченные мероприятия</h2>
      {summary.overdue.length === 0 ? (
        <p className="status status--ok">Просроченных мероприятий нет.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table measure-overdue" data-testid="measure-overdue">
            <thead>
              <tr>
                <th scope="col">Муниципальное образование</th>
                <th scope="col">Мероприятие</th>
                <th scope="col">Ответственный</th>
                <th scope="col">Срок</th>
                <th scope="col">Последний статус</th>
              </tr>
            </thead>
            <tbody>
              {summary.overdue.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.municipality.name}</th>
                  <td>{o.title}</td>
                  <td>{o.responsibleName}</td>
                  <td>{formatDateRu(o.deadline)}</td>
                  <td>{MEASURE_STATUS_LABELS[o.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
