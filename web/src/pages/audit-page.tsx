import { type FormEvent, useState } from 'react';
import { AUDIT_OUTCOME_LABELS, type AuditEventView } from '../../../src/domain/access.js';
import { auditActionLabel, auditEntityLabel } from '../../../src/domain/audit-labels.js';
import { formatDateTimeRu } from '../../../src/domain/russian-date-format.js';
import { useApiData } from '../api/use-api-data.js';
import { AdminOnly } from '../components/admin-only.js';
import { DownloadLinks } from '../components/download-links.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';

interface Filters {
  user: string;
  action: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { user: '', action: '', from: '', to: '' };

function queryOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v.trim() !== '') params.set(k, v.trim());
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));

/** «Журнал аудита»: who did what, from where, with what outcome; filters and CSV export. */
export function AuditPage() {
  useDocumentTitle('Журнал аудита');
  return (
    <AdminOnly title="Журнал аудита" permission="audit.read">
      <AuditTrail />
    </AdminOnly>
  );
}

function AuditTrail() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const query = queryOf(applied);
  const events = useApiData<AuditEventView[]>(`/api/audit-events${query}`);
  const field = (key: keyof Filters) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setApplied(draft);
  };

  return (
    <>
      <form className="filters" onSubmit={submit} data-testid="audit-filters">
        <label>
          Пользователь <input {...field('user')} placeholder="имя пользователя" />
        </label>
        <label>
          Действие <input {...field('action')} placeholder="код, например auth.login или auth." />
        </label>
        <label>
          С <input type="date" {...field('from')} />
        </label>
        <label>
          по <input type="date" {...field('to')} />
        </label>
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      <DownloadLinks
        url="/api/audit-events/export"
        query={query}
        formats={['xlsx', 'csv']}
        label="Выгрузить журнал (до 1000 записей)"
        testId="audit-download"
      />
      {events.status === 'loading' ? <LoadingState /> : null}
      {events.status === 'error' ? <ErrorState message={events.message} /> : null}
      {events.status === 'ok' ? (
        <div className="table-scroll">
          <table className="data-table audit-table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">Время</th>
                <th scope="col">Кто</th>
                <th scope="col">Откуда</th>
                <th scope="col">Действие</th>
                <th scope="col">Объект</th>
                <th scope="col">Результат</th>
                <th scope="col">Было → стало</th>
                <th scope="col">Подробности</th>
              </tr>
            </thead>
            <tbody>
              {events.data.map((e) => (
                <tr key={e.id} data-testid="audit-row" data-outcome={e.outcome}>
                  <td>
                    <time dateTime={e.at}>{formatDateTimeRu(e.at)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td title={e.userAgent ?? ''}>{e.ip ?? '—'}</td>
                  <td data-testid="audit-action">
                    {auditActionLabel(e.action)} <code className="audit-code">{e.action}</code>
                  </td>
                  <td data-testid="audit-entity">
                    {[auditEntityLabel(e.entityType), e.entityId].filter(Boolean).join(' ')}
                    {e.entityType ? (
                      <>
                        {' '}
                        <code className="audit-code">{e.entityType}</code>
                      </>
                    ) : null}
                  </td>
                  <td className={`outcome outcome--${e.outcome}`}>
                    {AUDIT_OUTCOME_LABELS[e.outcome]}
                  </td>
                  <td className="audit-change">
                    {json(e.before)}
                    {e.before !== null || e.after !== null ? ' → ' : ''}
                    {json(e.after)}
                  </td>
                  <td>{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {events.data.length === 0 ? <p className="status">Событий не найдено.</p> : null}
        </div>
      ) : null}
    </>
  );
}
