import type { ValueRevision } from '../../../src/domain/import-preview.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from './error-state.js';
import { LoadingState } from './loading-state.js';

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

function sourceOf(r: ValueRevision): string {
  if (r.batch === null) return r.source;
  const row = r.batch.row === null ? '' : `, строка ${r.batch.row}`;
  return `импорт №${r.batch.id}: файл «${r.batch.fileName ?? '—'}»${row}`;
}

/** The revisions of one value: was → became, who, when, from which source, the comment. */
export function ValueHistory({
  url,
  title,
  decimals,
  onClose,
}: {
  url: string;
  title: string;
  decimals: number;
  onClose: () => void;
}) {
  const data = useApiData<ValueRevision[]>(url);
  return (
    <section
      className="value-history"
      aria-label={`История значения: ${title}`}
      data-testid="value-history"
    >
      <h3>История значения: {title}</h3>
      {data.status === 'loading' ? <LoadingState /> : null}
      {data.status === 'error' ? <ErrorState message={data.message} /> : null}
      {data.status === 'ok' && data.data.length === 0 ? <p>Значение ещё не вводилось.</p> : null}
      {data.status === 'ok' && data.data.length > 0 ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Было</th>
              <th scope="col">Стало</th>
              <th scope="col">Кто</th>
              <th scope="col">Когда</th>
              <th scope="col">Источник</th>
              <th scope="col">Комментарий</th>
            </tr>
          </thead>
          <tbody>
            {data.data.map((r) => (
              <tr key={r.revision} data-testid="revision-row">
                <td>{r.revision}</td>
                <td>{formatNumberRu(r.oldValue, decimals)}</td>
                <td>{formatNumberRu(r.newValue, decimals)}</td>
                <td>{r.author}</td>
                <td>{formatTime(r.changedAt)}</td>
                <td>{sourceOf(r)}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="link-button" onClick={onClose}>
        Закрыть историю
      </button>
    </section>
  );
}
