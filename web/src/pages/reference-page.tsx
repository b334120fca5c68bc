import { type FormEvent, useState } from 'react';
import { roleMay } from '../../../src/domain/access.js';
import {
  REFERENCE_DATA_KIND_LABELS,
  REFERENCE_DATA_KINDS,
  type ReferenceTable,
} from '../../../src/domain/reference-data.js';
import { formatPercentRu } from '../../../src/domain/russian-number-format.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PermittedPage } from '../components/permitted-page.js';
import { ReferenceEditForm, type ReferenceMessage } from '../components/reference-edit-form.js';
import { ReferenceTableView } from '../components/reference-table-view.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Справочные данные»: population and the like per year, with provenance and jumps flagged. */
export function ReferencePage() {
  useDocumentTitle('Справочные данные');
  return (
    <PermittedPage title="Справочные данные" permission="summaries.read">
      <ReferenceData />
    </PermittedPage>
  );
}

function ReferenceData() {
  const session = useSession();
  const mayEdit = session?.authenticated === true && roleMay(session.user.role, 'reference.write');
  // The page opens the newest year holding data (the current one when none does yet).
  const years = useApiData<{ years: number[] }>('/api/reference-data');
  const [chosen, setChosen] = useState<number | null>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<ReferenceMessage | null>(null);
  const newest = years.status === 'ok' ? (years.data.years[0] ?? new Date().getFullYear()) : null;
  const year = chosen ?? newest;
  const table = useApiData<ReferenceTable>(
    year === null ? null : `/api/reference-data/${year}?v=${version}`,
  );
  const show = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Number(typed ?? year);
    if (Number.isInteger(wanted) && wanted >= 1900 && wanted <= 2200) setChosen(wanted);
    setMessage(null);
  };
  return (
    <>
      <p>
        Значения по годам — знаменатели показателей (
        {REFERENCE_DATA_KINDS.map((k) => REFERENCE_DATA_KIND_LABELS[k].toLowerCase()).join(', ')}).
        Загружаются импортом, как и данные показателей, или задаются здесь с указанием источника.
      </p>
      <form className="form" onSubmit={show}>
        <label htmlFor="reference-year">Год</label>
        <input
          id="reference-year"
          inputMode="numeric"
          value={typed ?? (year === null ? '' : String(year))}
          onChange={(e) => setTyped(e.target.value)}
        />
        <button type="submit" className="button">
          Показать
        </button>
      </form>
      {message ? (
        <p
          className={`status status--${message.tone}`}
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="reference-message"
        >
          {message.text}
        </p>
      ) : null}
      {years.status === 'error' ? <ErrorState message={years.message} /> : null}
      {years.status !== 'error' && (table.status === 'loading' || table.status === 'idle') ? (
        <LoadingState />
      ) : null}
      {table.status === 'error' ? <ErrorState message={table.message} /> : null}
      {table.status === 'ok' ? (
        <>
          <p data-testid="jump-threshold">
            Отмечены значения, отличающиеся от прошлого года больше чем на{' '}
            {formatPercentRu(table.data.jumpShare * 100, 0)}.
          </p>
          {mayEdit ? (
            <ReferenceEditForm
              table={table.data}
              onSaved={() => setVersion((v) => v + 1)}
              onMessage={setMessage}
            />
          ) : null}
          <ReferenceTableView table={table.data} />
        </>
      ) : null}
    </>
  );
}
