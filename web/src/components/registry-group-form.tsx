import { type FormEvent, useState } from 'react';
import type { UnitGroup } from '../../../src/domain/registry.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import { attempt } from './registry-kind-select.js';

/** The region's groups of units (population bands, curators…) and a form for a new one. */
export function RegistryGroupForm({
  version,
  onDone,
}: {
  version: number;
  onDone: (message: string) => void;
}) {
  const groups = useApiData<UnitGroup[]>(`/api/unit-groups?v=${version}`);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      async () => {
        const created = await sendJson<UnitGroup>('POST', '/api/unit-groups', { code, name });
        setCode('');
        setName('');
        return `Группа «${created.name}» создана: включите в неё ОМСУ полем «Группы».`;
      },
      onDone,
      setError,
    );
  };
  return (
    <form className="form form--wide" onSubmit={submit} data-testid="registry-group-form">
      <h2>Группы ОМСУ</h2>
      {groups.status === 'ok' && groups.data.length > 0 ? (
        <ul data-testid="unit-groups">
          {groups.data.map((g) => (
            <li key={g.code}>
              {g.name} ({g.code}): {g.members.length > 0 ? g.members.join(', ') : 'пока пусто'}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor="group-code">Код группы (латиница)</label>
      <input id="group-code" required value={code} onChange={(e) => setCode(e.target.value)} />
      <label htmlFor="group-name">Название группы</label>
      <input id="group-name" required value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button">
        Создать группу
      </button>
    </form>
  );
}
