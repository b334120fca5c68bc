import { type FormEvent, useState } from 'react';
import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import { entryPeriodLabel } from '../../../src/domain/entry-period.js';
import type { Municipality } from '../../../src/domain/municipality.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import type { CurrentValue, ValuePage } from '../../../src/domain/value-browser.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { DownloadLinks } from '../components/download-links.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { ValueHistory } from '../components/value-history.js';
import { Link } from '../routing/link.js';

const PAGE_SIZE = 50;

interface Filters {
  municipality: string;
  indicator: string;
  period: string;
  /** 'true': the values of the units merged into the chosen one as well. */
  withPredecessors: string;
}

const EMPTY: Filters = { municipality: '', indicator: '', period: '', withPredecessors: '' };

/** The filters as a query string; with a page, that page of PAGE_SIZE values. */
function queryOf(filters: Filters, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v.trim() !== '') params.set(k, v.trim());
  if (page !== undefined) {
    params.set('page', String(page));
    params.set('pageSize', String(PAGE_SIZE));
  }
  return params.toString();
}

/** A form period as people say it; a stock counted on a day as «на 01.03.2017». */
const periodLabel = (period: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(period) ? `на ${formatDateRu(period)}` : entryPeriodLabel(period);

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/**
 * «Значения»: current values by municipality, indicator and period with their source and last
 * change; a click on a value opens its revisions. Officials see their own municipalities only.
 */
export function ValuesPage() {
  useDocumentTitle('Значения показателей');
  const session = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<CurrentValue | null>(null);
  const municipalities = useApiData<Municipality[]>('/api/municipalities');
  const indicators = useApiData<IndicatorSummary[]>(
    session?.authenticated ? '/api/indicators' : null,
  );
  const values = useApiData<ValuePage>(
    session?.authenticated ? `/api/values?${queryOf(applied, page)}` : null,
  );
  if (session === null) return null;
  if (!session.authenticated)
    return (
      <p className="status">
        <Link href="/login">Войдите</Link>, чтобы открыть значения показателей.
      </p>
    );
  const own = session.user.municipalities;
  const choices = own.length > 0 ? own : municipalities.status === 'ok' ? municipalities.data : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
    setPage(1);
    setOpen(null);
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Значения показателей</h1>
      <p className="hint">
        Текущие значения с источником и последним изменением. Нажмите на значение, чтобы открыть его
        историю: кто, когда и из какого источника его менял.
      </p>
      <form className="filters" onSubmit={submit} data-testid="value-filters">
        <label>
          Муниципальное образование
          <select
            value={draft.municipality}
            onChange={(e) => setDraft({ ...draft, municipality: e.target.value })}
          >
            <option value="">{own.length > 0 ? 'все свои' : 'все'}</option>
            {choices.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Показатель
          <select
            value={draft.indicator}
            onChange={(e) => setDraft({ ...draft, indicator: e.target.value })}
          >
            <option value="">все</option>
            {(indicators.status === 'ok' ? indicators.data : []).map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Период
          <input
            value={draft.period}
            placeholder="2017, 2017-02 или 2017-Q1"
            onChange={(e) => setDraft({ ...draft, period: e.target.value })}
          />
        </label>
        {draft.municipality !== '' ? (
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.withPredecessors === 'true'}
              onChange={(e) =>
                setDraft({ ...draft, withPredecessors: e.target.checked ? 'true' : '' })
              }
            />{' '}
            с предшественниками (до объединения)
          </label>
        ) : null}
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      <DownloadLinks
        url="/api/values/export"
        query={queryOf(applied)}
        formats={['xlsx', 'csv']}
        label="Скачать все отобранные значения"
        testId="values-download"
      />
      {open ? (
        <ValueHistory
          key={open.observationId}
          url={`/api/observations/${open.observationId}/revisions`}
          title={`${open.indicator.name} — ${open.municipality.name}, ${periodLabel(open.period)}`}
          decimals={open.indicator.decimals}
          onClose={() => setOpen(null)}
        />
      ) : null}
      {values.status === 'loading' ? <LoadingState /> : null}
      {values.status === 'error' ? <ErrorState message={values.message} /> : null}
      {values.status === 'ok' ? (
        <ValueTable data={values.data} onOpen={setOpen} onPage={setPage} />
      ) : null}
    </section>
  );
}

function ValueTable({
  data,
  onOpen,
  onPage,
}: {
  data: ValuePage;
  onOpen: (value: CurrentValue) => void;
  onPage: (page: number) => void;
}) {
  if (data.total === 0) return <p className="status">Значений по этим условиям нет.</p>;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const first = (data.page - 1) * data.pageSize + 1;
  const last = first + data.rows.length - 1;
  return (
    <>
      <p data-testid="value-count">
        {`Найдено значений: ${data.total}; показаны ${first}–${last}.`}
      </p>
      <div className="table-scroll">
        <table className="data-table" data-testid="values">
          <thead>
            <tr>
              <th scope="col">ОМСУ</th>
              <th scope="col">Показатель</th>
              <th scope="col">Период</th>
              <th scope="col" className="num">
                Значение
              </th>
              <th scope="col">Источник</th>
              <th scope="col">Последнее изменение</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((v) => (
              <tr key={v.observationId} data-testid="value-row">
                <th scope="row">{v.municipality.name}</th>
                <td>{v.indicator.name}</td>
                <td>{periodLabel(v.period)}</td>
                <td className="num">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`История значения: ${v.indicator.name}, ${v.municipality.name}, ${periodLabel(v.period)}`}
                    onClick={() => onOpen(v)}
                  >
                    {formatNumberRu(v.value, v.indicator.decimals)}
                  </button>{' '}
                  <span className="hint">{v.indicator.unit}</span>
                </td>
                <td>
                  <span className="value-source" title={v.source}>
                    {v.source}
                  </span>
                </td>
                <td>
                  {`${v.author}, ${formatTime(v.recordedAt)}`}
                  {v.revision > 1 ? (
                    <span className="hint">{` (правок: ${v.revision})`}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav className="pager" aria-label="Страницы значений">
          <button
            type="button"
            className="button button--secondary"
            disabled={data.page <= 1}
            onClick={() => onPage(data.page - 1)}
          >
            Назад
          </button>
          <span>{`Страница ${data.page} из ${pages}`}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={data.page >= pages}
            onClick={() => onPage(data.page + 1)}
          >
            Вперёд
          </button>
        </nav>
      ) : null}
    </>
  );
}
