import { type FormEvent, useState } from 'react';
import type { CollectionBoard } from '../../../src/domain/collection-board.js';
import { SUBMISSION_STATUS_LABELS } from '../../../src/domain/entry-form.js';
import { entryPeriodKind, entryPeriodLabel } from '../../../src/domain/entry-period.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { sendJson } from '../api/send-json.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';

/** «Сбор данных»: who has submitted a period, who is late, who was returned; bulk approval. */
export function CollectionBoardPage() {
  useDocumentTitle('Сбор данных');
  const session = useSession();
  const [periodText, setPeriodText] = useState('');
  const [period, setPeriod] = useState<string | null>(null);
  if (session === null) return null;
  if (!session.authenticated)
    return (
      <p className="status">
        <Link href="/login">Войдите</Link>, чтобы открыть этот раздел.
      </p>
    );
  const reviewer = session.user.role === 'analyst' || session.user.role === 'administrator';
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
        <Board period={period} reviewer={reviewer} />
      ) : null}
    </section>
  );
}

function Board({ period, reviewer }: { period: string; reviewer: boolean }) {
  const [version, setVersion] = useState(0);
  const data = useApiData<CollectionBoard>(
    `/api/collection-board/${encodeURIComponent(period)}?v=${version}`,
  );
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
  const setDeadline = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await sendJson('PUT', `/api/reporting-deadlines/${encodeURIComponent(period)}`, {
        dueDate: due,
      });
      return 'Срок сохранён.';
    });
  };
  const c = board.counts;
  return (
    <>
      <h2>{entryPeriodLabel(period)}</h2>
      <p data-testid="board-deadline">
        Срок сдачи: {board.dueDate ? formatDateRu(board.dueDate) : 'не установлен'}
      </p>
      {reviewer ? (
        <form className="filters" onSubmit={setDeadline}>
          <label>
            Новый срок
            <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" className="button button--secondary">
            Установить срок
          </button>
        </form>
      ) : null}
      <p data-testid="board-counts">
        {`Всего: ${c.total}; отправлено: ${c.submitted}; утверждено: ${c.approved}; закрыто: ${c.locked}; возвращено: ${c.returned}; не отправлено: ${c.draft}; с опозданием: ${c.late}`}
      </p>
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
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              {reviewer ? <th scope="col">Выбрать</th> : null}
              <th scope="col">ОМСУ</th>
              <th scope="col">Статус</th>
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
                <td>{SUBMISSION_STATUS_LABELS[r.status]}</td>
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
    </>
  );
}
