import { type FormEvent, useState } from 'react';
import type { Municipality, MunicipalityKind } from '../../../src/domain/municipality.js';
import { sendJson } from '../api/send-json.js';
import { attempt, RegistryKindSelect, splitList } from './registry-kind-select.js';

/** Changes to one unit (name, kind, ОКТМО, start, aliases, groups), or its closure. */
export function RegistryEditForm({
  units,
  onDone,
}: {
  units: Municipality[];
  onDone: (message: string) => void;
}) {
  const [code, setCode] = useState('');
  const unit = units.find((u) => u.code === code);
  return (
    <section className="form form--wide" data-testid="registry-edit">
      <h2>Изменить или закрыть</h2>
      <label htmlFor="edit-unit">ОМСУ</label>
      <select id="edit-unit" value={code} onChange={(e) => setCode(e.target.value)}>
        <option value="">— выберите —</option>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </select>
      {unit ? (
        <UnitForms key={`${unit.code}:${JSON.stringify(unit)}`} unit={unit} onDone={onDone} />
      ) : null}
    </section>
  );
}

function UnitForms({ unit, onDone }: { unit: Municipality; onDone: (message: string) => void }) {
  const [name, setName] = useState(unit.name);
  const [kind, setKind] = useState<MunicipalityKind>(unit.kind);
  const [oktmo, setOktmo] = useState(unit.oktmo ?? '');
  const [validFrom, setValidFrom] = useState(unit.validFrom ?? '');
  const [aliases, setAliases] = useState(unit.aliases.join('; '));
  const [groups, setGroups] = useState(unit.groups.join('; '));
  const [validTo, setValidTo] = useState('');
  const [error, setError] = useState('');
  const url = `/api/municipalities/${encodeURIComponent(unit.code)}`;
  const save = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      async () => {
        await sendJson('PATCH', url, {
          name,
          kind,
          oktmo: oktmo === '' ? null : oktmo,
          validFrom: validFrom === '' ? null : validFrom,
          aliases: splitList(aliases),
          groups: splitList(groups),
        });
        return `Сохранено: ${name}.`;
      },
      onDone,
      setError,
    );
  };
  const close = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      async () => {
        await sendJson('POST', `${url}/close`, { validTo });
        return `Закрыто: ${unit.name} (по ${validTo}).`;
      },
      onDone,
      setError,
    );
  };
  return (
    <>
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      <form onSubmit={save}>
        <label htmlFor="edit-name">Наименование</label>
        <input id="edit-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <RegistryKindSelect id="edit-kind" value={kind} onChange={setKind} />
        <label htmlFor="edit-oktmo">ОКТМО</label>
        <input id="edit-oktmo" value={oktmo} onChange={(e) => setOktmo(e.target.value)} />
        <label htmlFor="edit-from">Действует с</label>
        <input
          id="edit-from"
          type="date"
          value={validFrom}
          onChange={(e) => setValidFrom(e.target.value)}
        />
        <label htmlFor="edit-aliases">Варианты наименования (через «;»)</label>
        <input id="edit-aliases" value={aliases} onChange={(e) => setAliases(e.target.value)} />
        <label htmlFor="edit-groups">Группы (коды через «;»)</label>
        <input id="edit-groups" value={groups} onChange={(e) => setGroups(e.target.value)} />
        <button type="submit" className="button">
          Сохранить изменения
        </button>
      </form>
      {unit.validTo === null ? (
        <form onSubmit={close}>
          <label htmlFor="edit-to">Последний день действия</label>
          <input
            id="edit-to"
            type="date"
            required
            value={validTo}
            onChange={(e) => setValidTo(e.target.value)}
          />
          <button type="submit" className="button">
            Закрыть ОМСУ
          </button>
        </form>
      ) : (
        <p>Закрыто: действовало по {unit.validTo}.</p>
      )}
    </>
  );
}
