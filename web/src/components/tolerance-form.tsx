import { type FormEvent, useState } from 'react';
import type { CrossCheckTolerance } from '../../../src/domain/cross-check.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';

const parse = (text: string): number | null =>
  text.trim() === '' ? null : Number(text.trim().replace(',', '.'));

/** The tolerances per indicator, and a form to set one. */
export function ToleranceForm() {
  const [version, setVersion] = useState(0);
  const [code, setCode] = useState('');
  const [absolute, setAbsolute] = useState('');
  const [percent, setPercent] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const tolerances = useApiData<CrossCheckTolerance[]>(`/api/crosscheck/tolerances?v=${version}`);
  const list = tolerances.status === 'ok' ? tolerances.data : [];
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await sendJson('PUT', `/api/crosscheck/tolerances/${encodeURIComponent(code)}`, {
        absolute: parse(absolute),
        relativePercent: parse(percent),
      });
      setMessage({ ok: true, text: `Допуск для ${code} сохранён.` });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section aria-label="Допуски">
      <h2>Допуски расхождения</h2>
      <ul>
        {list
          .filter((t) => t.absolute !== null || t.relativePercent !== null)
          .map((t) => (
            <li key={t.indicatorCode}>
              {t.indicatorName}: {t.absolute === null ? '' : `±${t.absolute} ${t.unit}`}
              {t.absolute !== null && t.relativePercent !== null ? ' или ' : ''}
              {t.relativePercent === null ? '' : `±${t.relativePercent} %`} ({t.updatedBy})
            </li>
          ))}
      </ul>
      <form className="filters" onSubmit={save}>
        <label>
          Показатель
          <select value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">—</option>
            {list.map((t) => (
              <option key={t.indicatorCode} value={t.indicatorCode}>
                {t.indicatorName}
              </option>
            ))}
          </select>
        </label>
        <label>
          Допуск, единиц
          <input value={absolute} onChange={(e) => setAbsolute(e.target.value)} />
        </label>
        <label>
          Допуск, %
          <input value={percent} onChange={(e) => setPercent(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={code === ''}>
          Сохранить допуск
        </button>
      </form>
      {message ? (
        <p className={`status ${message.ok ? 'status--ok' : 'status--error'}`} role="status">
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
