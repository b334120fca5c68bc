import { type FormEvent, useState } from 'react';
import type { Municipality, MunicipalityKind } from '../../../src/domain/municipality.js';
import type { MergerResult } from '../../../src/domain/registry.js';
import { sendJson } from '../api/send-json.js';
import { attempt, RegistryKindSelect } from './registry-kind-select.js';

/** A merger: open predecessors, a new successor (or an open unit), the date it begins. */
export function RegistryMergeForm({
  units,
  onDone,
}: {
  units: Municipality[];
  onDone: (message: string) => void;
}) {
  const open = units.filter((u) => u.validTo === null);
  const [predecessors, setPredecessors] = useState<string[]>([]);
  const [existing, setExisting] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MunicipalityKind>('municipal_okrug');
  const [date, setDate] = useState('');
  const [error, setError] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      async () => {
        const result = await sendJson<MergerResult>('POST', '/api/municipality-mergers', {
          predecessors,
          date,
          ...(existing !== '' ? { successor: existing } : { newSuccessor: { code, name, kind } }),
        });
        setPredecessors([]);
        return `Объединено с ${result.date}: ${result.predecessors.map((p) => p.name).join(', ')} → ${result.successor.name}.`;
      },
      onDone,
      setError,
    );
  };
  return (
    <form className="form form--wide" onSubmit={submit} data-testid="registry-merge-form">
      <h2>Объединение</h2>
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor="merge-predecessors">Предшественники (закрываются накануне даты)</label>
      <select
        id="merge-predecessors"
        multiple
        size={6}
        value={predecessors}
        onChange={(e) => setPredecessors([...e.target.selectedOptions].map((o) => o.value))}
      >
        {open.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
      <label htmlFor="merge-existing">Правопреемник из реестра</label>
      <select id="merge-existing" value={existing} onChange={(e) => setExisting(e.target.value)}>
        <option value="">— новое ОМСУ (ниже) —</option>
        {open.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
      {existing === '' ? (
        <fieldset>
          <legend>Новый правопреемник</legend>
          <label htmlFor="merge-code">Код нового ОМСУ</label>
          <input id="merge-code" value={code} onChange={(e) => setCode(e.target.value)} />
          <label htmlFor="merge-name">Наименование нового ОМСУ</label>
          <input id="merge-name" value={name} onChange={(e) => setName(e.target.value)} />
          <RegistryKindSelect id="merge-kind" value={kind} onChange={setKind} />
        </fieldset>
      ) : null}
      <label htmlFor="merge-date">Дата образования правопреемника</label>
      <input
        id="merge-date"
        type="date"
        required
        value={date}
        onChange={(e) => setDate(e.target.value)}
      />
      <button type="submit" className="button">
        Объединить
      </button>
    </form>
  );
}
