import { useState } from 'react';
import { MUNICIPALITY_KIND_LABELS, type Municipality } from '../../../src/domain/municipality.js';
import { useApiData } from '../api/use-api-data.js';
import { AdminOnly } from '../components/admin-only.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { RegistryAddForm } from '../components/registry-add-form.js';
import { RegistryEditForm } from '../components/registry-edit-form.js';
import { RegistryGroupForm } from '../components/registry-group-form.js';
import { RegistryMergeForm } from '../components/registry-merge-form.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Реестр ОМСУ»: units with ОКТМО, validity and successors; add, edit, close and merge them. */
export function RegistryPage() {
  useDocumentTitle('Реестр муниципальных образований');
  return (
    <AdminOnly title="Реестр муниципальных образований" permission="registry.manage">
      <RegistryAdmin />
    </AdminOnly>
  );
}

function RegistryAdmin() {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const units = useApiData<Municipality[]>(`/api/municipalities?v=${version}`);
  const done = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  };
  if (units.status === 'loading' || units.status === 'idle') return <LoadingState />;
  if (units.status === 'error') return <ErrorState message={units.message} />;
  const all = units.data;
  return (
    <>
      {message ? (
        <p className="status status--ok" role="status" data-testid="registry-message">
          {message}
        </p>
      ) : null}
      <RegistryAddForm onDone={done} />
      <RegistryMergeForm units={all} onDone={done} />
      <RegistryEditForm units={all} onDone={done} />
      <RegistryGroupForm version={version} onDone={done} />
      <h2>Муниципальные образования</h2>
      <RegistryTable units={all} />
    </>
  );
}

function RegistryTable({ units }: { units: Municipality[] }) {
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="registry-table">
        <thead>
          <tr>
            <th scope="col">Наименование</th>
            <th scope="col">Код</th>
            <th scope="col">Вид</th>
            <th scope="col">ОКТМО</th>
            <th scope="col">Действует</th>
            <th scope="col">Правопреемник</th>
            <th scope="col">Варианты, группы</th>
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code} data-testid="registry-row" data-code={u.code}>
              <th scope="row">
                <a href={`/municipalities/${u.code}`}>{u.name}</a>
              </th>
              <td className="hash">{u.code}</td>
              <td>{MUNICIPALITY_KIND_LABELS[u.kind]}</td>
              <td>{u.oktmo ?? '—'}</td>
              <td>
                {u.validFrom ? `с ${u.validFrom}` : ''}
                {u.validTo ? ` по ${u.validTo}` : u.validFrom ? '' : 'действует'}
              </td>
              <td>{u.successorCode ? (nameOf.get(u.successorCode) ?? u.successorCode) : ''}</td>
              <td>{[...u.aliases, ...u.groups.map((g) => `группа ${g}`)].join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
