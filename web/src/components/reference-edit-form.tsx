import { type FormEvent, useState } from 'react';
import {
  REFERENCE_DATA_KIND_LABELS,
  REFERENCE_DATA_KINDS,
  type ReferenceDataKind,
  type ReferenceSetResult,
  type ReferenceTable,
} from '../../../src/domain/reference-data.js';
import { sendJson } from '../api/send-json.js';

/** A number as typed in Russian (spaces between thousands, a decimal comma), or an error naming the field. */
function readNumber(field: string, text: string): number {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(compact)) throw new Error(`Поле «${field}»: «${text}» — не число.`);
  return Number(compact);
}

/** Sets one value by hand with its source; a jump past the threshold is reported. */
export type ReferenceMessage = { text: string; tone: 'ok' | 'warn' | 'error' };

export function ReferenceEditForm({
  table,
  onSaved,
  onMessage,
}: {
  table: ReferenceTable;
  onSaved: () => void;
  /** Kept by the page: the table reloads after a save and this form with it. */
  onMessage: (message: ReferenceMessage) => void;
}) {
  const [code, setCode] = useState(table.rows[0]?.municipality.code ?? '');
  const [kind, setKind] = useState<ReferenceDataKind>('population');
  const [value, setValue] = useState('');
  const [source, setSource] = useState('');
  const [threshold, setThreshold] = useState(String(Math.round(table.jumpShare * 1000) / 10));
  const run = async (action: () => Promise<{ text: string; tone: 'ok' | 'warn' }>) => {
    try {
      onMessage(await action());
      onSaved();
    } catch (e) {
      onMessage({ text: e instanceof Error ? e.message : String(e), tone: 'error' });
    }
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const number = readNumber('значение', value);
      const result = await sendJson<ReferenceSetResult>(
        'PUT',
        `/api/reference-data/${table.year}/${encodeURIComponent(code)}/${kind}`,
        { value: number, source },
      );
      return result.warning
        ? { text: `Сохранено. ${result.warning}`, tone: 'warn' }
        : { text: 'Сохранено.', tone: 'ok' };
    });
  };
  const saveThreshold = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const percent = readNumber('порог скачка', threshold);
      await sendJson('PUT', '/api/reference-settings', { jumpShare: percent / 100 });
      return { text: 'Порог сохранён.', tone: 'ok' };
    });
  };
  return (
    <div className="portal-columns">
      <form className="form" onSubmit={save} data-testid="reference-edit-form">
        <h2>Задать значение</h2>
        <label htmlFor="reference-unit">ОМСУ</label>
        <select id="reference-unit" value={code} onChange={(e) => setCode(e.target.value)}>
          {table.rows.map((r) => (
            <option key={r.municipality.code} value={r.municipality.code}>
              {r.municipality.name}
            </option>
          ))}
        </select>
        <label htmlFor="reference-kind">Показатель</label>
        <select
          id="reference-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ReferenceDataKind)}
        >
          {REFERENCE_DATA_KINDS.map((k) => (
            <option key={k} value={k}>
              {REFERENCE_DATA_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="reference-value">Значение за {table.year} год</label>
        <input
          id="reference-value"
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <label htmlFor="reference-source">Источник</label>
        <input
          id="reference-source"
          required
          value={source}
          onChange={(e) => setSource(e.target.value)}
        />
        <button type="submit" className="button">
          Сохранить значение
        </button>
      </form>
      <form className="form" onSubmit={saveThreshold}>
        <h2>Порог скачка</h2>
        <label htmlFor="reference-threshold">Отмечать изменение к прошлому году больше, %</label>
        <input
          id="reference-threshold"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <button type="submit" className="button">
          Сохранить порог
        </button>
      </form>
    </div>
  );
}
