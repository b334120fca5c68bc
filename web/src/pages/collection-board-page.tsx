import { type FormEvent, useState } from 'react';
import {
  BOARD_FILTER_LABELS,
  BOARD_FILTERS,
  type BoardFilter,
  type CollectionBoard,
} from '../../../src/domain/collection-board.js';
import type { DataSet } from '../../../src/domain/data-set.js';
import { SUBMISSION_STATUS_LABELS } from '../../../src/domain/entry-form.js';
import { entryPeriodKind, entryPeriodLabel } from '../../../src/domain/entry-period.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { sendJson } from '../api/send-json.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { DownloadLinks } from '../components/download-links.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';
import { DataSetManager } from './data-set-manager.js';

/**
 * «Сбор данных»: who has submitted a period — the whole form or one data set — who is late by
 * the deadline that applies, who was returned, how complete; bulk approval; data sets.
 */
export function CollectionBoardPage() {
  useDocumentTitle('Сбор данных');
  const session = useSession();
  const [periodText, setPeriodText] = useState('');
  const [period, setPeriod] = useState<string | null>(null);
  const [setCode, setSetCode] = useState('');
  const [filter, setFilter] = useState<BoardFilter>('all');
  const [setsVersion, setSetsVersion] = useState(0);
  const sets = useApiData<DataSet[]>(
    session?.authenticated ? `/api/data-sets?v=${setsVersion}` : null,
  );
  if (session === null) return null;
  if (!session.authenticated)
    return (
      <p className="status">
        <Link href="/login">Войдите</Link>, чтобы открыть этот раздел.
      </p>
    );
  const reviewer = session.user.role === 'analyst' || session.user.role === 'administrator';
  const allSets = sets.status === 'ok' ? sets.data : [];
  const open = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(periodText.trim());
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Сбор данных: полнота и сроки</h1>
      <form className="filters" onSubmit={open}>
        <label>
          Период
          <input
            value={periodText}
            placeholder="2017-02, 2017-Q1 или 2022"
            onChange={(e) => setPeriodText(e.target.value)}
          />
        </label>
        <label>
          Набор данных
          <select value={setCode} onChange={(e) => setSetCode(e.target.value)}>
            <option value="">вся форма</option>
            {allSets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Отбор
          <select value={filter} onChange={(e) => setFilter(e.target.value as BoardFilter)}>
            {BOARD_FILTERS.map((f) => (
              <option key={f} value={f}>
                {BOARD_FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      {period !== null && entryPeriodKind(period) === null ? (
        <p className="status status--error" role="alert">
          Период «{period}» не распознан: введите год (2022), квартал (2017-Q1) или месяц (2017-02).
        </p>
      ) : null}
      {period !== null && entryPeriodKind(period) !== null ? (
        <Board
          period={period}
          setCode={allSets.some((s) => s.code === setCode) ? setCode : ''}
          filter={filter}
          reviewer={reviewer}
          onDeadlineChanged={() => setSetsVersion((v) => v + 1)}
        />
      ) : null}
      {reviewer ? (
        <DataSetManager sets={allSets} onChanged={() => setSetsVersion((v) => v + 1)} />
      ) : null}
    </section>
  );
}

function boardUrl(period: string, setCode: string, filter: BoardFilter, version: number) {
  const params = new URLSearchParams();
  if (setCode !== '') params.set('set', setCode);
  if (filter !== 'all') params.set('show', filter);
  params.set('v', String(version));
  return `/api/collection-board/${encodeURIComponent(period)}?${params.toString()}`;
}

function deadlineText(board: CollectionBoard): string {
  if (board.dueDate === null) return 'Срок сдачи: не установлен';
  const due = `Срок сдачи: ${formatDateRu(board.dueDate)}`;
  if (board.dataSet === null) return due;
  if (!board.dataSet.ownDeadline) return `${due} (срок формы)`;
  return board.formDueDate === null
    ? `${due} (собственный срок набора)`
    : `${due} (собственный срок набора; срок формы — ${formatDateRu(board.formDueDate)})`;
}

const completeness = (filled: number, expected: number) =>
  expected === 0 ? '—' : `${filled} из ${expected} (${Math.round((filled / expected) * 100)} %)`;

function Board({
  period,
  setCode,
  filter,
  reviewer,
  onDeadlineChanged,
}: {
  period: string;
  setCode: string;
  filter: BoardFilter;
  reviewer: boolean;
  /** A set's deadline changed: the list of data sets shows deadlines too. */
  onDeadlineChanged: () => void;
}) {
  const [version, setVersion] = useState(0);
  const data = useApiData<CollectionBoard>(boardUrl(period, setCode, filter, version));
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [due, setDue] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (data.status === 'loading' || data.status === 'idle') return <LoadingState />;
  if (data.status === 'error') return <ErrorState message={data.message} />;
  const board = data.data;
  const run = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
      setChosen(new Set());
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };
  const approve = () =>
    run(async () => {
      const result = await sendJson<{ approved: string[]; skipped: { message: string }[] }>(
        'POST',
        '/api/entry-approvals',
        { period, municipalityCodes: [...chosen] },
      );
      return [
        `Утверждено: ${result.approved.length}.`,
        ...result.skipped.map((s) => s.message),
      ].join(' ');
    });
  const setUrl = board.dataSet
    ? `/api/data-sets/${encodeURIComponent(board.dataSet.code)}/deadlines/${encodeURIComponent(period)}`
    : `/api/reporting-deadlines/${encodeURIComponent(period)}`;
  const setDeadline = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await sendJson('PUT', setUrl, { dueDate: due });
      onDeadlineChanged();
      return 'Срок сохранён.';
    });
  };
  const dropDeadline = () =>
    run(async () => {
      await sendJson('DELETE', setUrl);
      onDeadlineChanged();
      return 'Собственный срок набора снят: действует срок формы.';
    });
  const c = board.counts;
  return (
    <>
      <h2>
        {entryPeriodLabel(period)}
        {board.dataSet ? ` — набор «${board.dataSet.name}»` : ' — вся форма'}
      </h2>
      <p data-testid="board-deadline">{deadlineText(board)}</p>
      <DownloadLinks
        url={`/api/collection-board/${encodeURIComponent(period)}/export`}
        query={new URLSearchParams({
          ...(setCode === '' ? {} : { set: setCode }),
          ...(board.filter === 'all' ? {} : { show: board.filter }),
        }).toString()}
        formats={['xlsx', 'csv']}
        testId="board-download"
      />
      {reviewer ? (
        <form className="filters" onSubmit={setDeadline}>
          <label>
            {board.dataSet ? 'Срок набора' : 'Срок формы'}
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" className="button button--secondary">
            Установить срок
          </button>
          {board.dataSet?.ownDeadline ? (
            <button type="button" className="button button--secondary" onClick={dropDeadline}>
              Снять срок набора
            </button>
          ) : null}
        </form>
      ) : null}
      <p data-testid="board-counts">
        {`Всего: ${c.total}; не начали: ${c.notStarted}; отправлено: ${c.submitted}; утверждено: ${c.approved}; закрыто: ${c.locked}; возвращено: ${c.returned}; не отправлено: ${c.draft}; с опозданием: ${c.late}; заполнено полностью: ${c.complete}`}
      </p>
      {board.indicatorCodes.length === 0 ? (
        <p className="hint">В форме за этот период нет показателей этого набора.</p>
      ) : null}
      {message ? (
        <p
          className={`status ${message.kind === 'ok' ? 'status--ok' : 'status--error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
      {reviewer ? (
        <button type="button" className="button" disabled={chosen.size === 0} onClick={approve}>
          Утвердить выбранные ({chosen.size})
        </button>
      ) : null}
      {board.rows.length === 0 ? (
        <p className="status">Под этот отбор никто не подходит.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                {reviewer ? <th scope="col">Выбрать</th> : null}
                <th scope="col">ОМСУ</th>
                <th scope="col">Статус</th>
                <th scope="col">Заполнено</th>
                <th scope="col">Отправлено</th>
                <th scope="col">Срок</th>
                <th scope="col">Комментарий</th>
              </tr>
            </thead>
            <tbody>
              {board.rows.map((r) => (
                <tr key={r.municipality.code} data-testid="board-row">
                  {reviewer ? (
                    <td>
                      {r.status === 'submitted' ? (
                        <input
                          type="checkbox"
                          aria-label={`Выбрать: ${r.municipality.name}`}
                          checked={chosen.has(r.municipality.code)}
                          onChange={(e) => {
                            const next = new Set(chosen);
                            if (e.target.checked) next.add(r.municipality.code);
                            else next.delete(r.municipality.code);
                            setChosen(next);
                          }}
                        />
                      ) : null}
                    </td>
                  ) : null}
                  <th scope="row">
                    <Link
                      href={`/data/entry?m=${encodeURIComponent(r.municipality.code)}&p=${encodeURIComponent(period)}`}
                    >
                      {r.municipality.name}
                    </Link>
                  </th>
                  <td>{r.notStarted ? 'не начато' : SUBMISSION_STATUS_LABELS[r.status]}</td>
                  <td>{completeness(r.filled, r.expected)}</td>
                  <td>{r.submittedAt ? new Date(r.submittedAt).toLocaleString('ru-RU') : '—'}</td>
                  <td className={r.late ? 'board-late' : undefined}>
                    {r.late ? 'опоздание' : 'в срок'}
                  </td>
                  <td>{r.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
