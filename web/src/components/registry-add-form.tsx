import { type FormEvent, useState } from 'react';
import type { Municipality, MunicipalityKind } from '../../../src/domain/municipality.js';
import { sendJson } from '../api/send-json.js';
import { attempt, RegistryKindSelect, splitList } from './registry-kind-select.js';

/** A new unit: code, name, kind, ОКТМО, start date, aliases. */
export function RegistryAddForm({ onDone }: { onDone: (message: string) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MunicipalityKind>('municipal_district');
  const [oktmo, setOktmo] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [aliases, setAliases] = useState('');
  const [error, setError] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      async () => {
        const created = await sendJson<Municipality>('POST', '/api/municipalities', {
          code,
          name,
          kind,
          oktmo: oktmo === '' ? null : oktmo,
          validFrom: validFrom === '' ? null : validFrom,
          aliases: splitList(aliases),
        });
        setCode('');
        setName('');
        setOktmo('');
        setAliases('');
        return `Добавлено: ${created.name}.`;
      },
      onDone,
      setError,
    );
  };
  return (
    <form className="form form--wide" onSubmit={submit} data-testid="registry-add-form">
      <h2>Новое ОМСУ</h2>
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      <label htmlFor="unit-code">Код (латиница, для адресов)</label>
      <input id="unit-code" required value={code} onChange={(e) => setCode(e.target.value)} />
      <label htmlFor="unit-name">Наименование</label>
      <input id="unit-name" required value={name} onChange={(e) => setName(e.target.value)} />
      <RegistryKindSelect id="unit-kind" value={kind} onChange={setKind} />
      <label htmlFor="unit-oktmo">ОКТМО (8 или 11 цифр)</label>
      <input id="unit-oktmo" value={oktmo} onChange={(e) => setOktmo(e.target.value)} />
      <label htmlFor="unit-from">Действует с</label>
      <input
        id="unit-from"
        type="date"
        value={validFrom}
        onChange={(e) => setValidFrom(e.target.value)}
      />
      <label htmlFor="unit-aliases">Варианты наименования (через «;»)</label>
      <input id="unit-aliases" value={aliases} onChange={(e) => setAliases(e.target.value)} />
      <button type="submit" className="button">
        Добавить ОМСУ
      </button>
    </form>
  );
}
