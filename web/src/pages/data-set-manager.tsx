import { type FormEvent, useState } from 'react';
import type { DataSet, IndicatorSummary } from '../../../src/domain/data-set.js';
import { entryPeriodLabel } from '../../../src/domain/entry-period.js';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';

type Message = { kind: 'ok' | 'error'; text: string } | null;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * «Наборы данных» for analysts: named sets of indicators (ЕСИА, ИС СОУ, СЭД и ПОС) that have
 * their own deadlines on the board; create, change, delete (after a confirmation).
 */
export function DataSetManager({ sets, onChanged }: { sets: DataSet[]; onChanged: () => void }) {
  const indicators = useApiData<IndicatorSummary[]>('/api/indicators');
  const [editing, setEditing] = useState<DataSet | 'new' | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const remove = async (set: DataSet) => {
    if (
      !window.confirm(
        `Удалить набор «${set.name}»? Его собственные сроки будут удалены, значения показателей останутся.`,
      )
    )
      return;
    setMessage(null);
    try {
      await sendJson('DELETE', `/api/data-sets/${encodeURIComponent(set.code)}`);
      setMessage({ kind: 'ok', text: `Набор «${set.name}» удалён.` });
      onChanged();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  return (
    <section aria-labelledby="data-sets-title" className="data-sets">
      <h2 id="data-sets-title">Наборы данных</h2>
      <p className="hint">
        Набор — показатели, которые сдаются вместе и со своим сроком. Без собственного срока за
        период действует срок формы.
      </p>
      {sets.length === 0 ? (
        <p className="status">Наборов пока нет.</p>
      ) : (
        <table className="data-table" data-testid="data-sets">
          <thead>
            <tr>
              <th scope="col">Набор</th>
              <th scope="col">Показатели</th>
              <th scope="col">Собственные сроки</th>
              <th scope="col">Действия</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.code}>
                <th scope="row">
                  {s.name} <span className="hint">({s.code})</span>
                </th>
                <td>{s.indicators.map((i) => i.name).join('; ')}</td>
                <td>
                  {s.deadlines.length === 0
                    ? '—'
                    : s.deadlines
                        .map((d) => `${entryPeriodLabel(d.period)}: ${formatDateRu(d.dueDate)}`)
                        .join('; ')}
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Изменить набор «${s.name}»`}
                    onClick={() => setEditing(s)}
                  >
                    изменить
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Удалить набор «${s.name}»`}
                    onClick={() => void remove(s)}
                  >
                    удалить
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message ? (
        <p
          className={`status ${message.kind === 'ok' ? 'status--ok' : 'status--error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      ) : null}
      {editing === null ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setEditing('new')}
        >
          Новый набор
        </button>
      ) : (
        <DataSetForm
          key={editing === 'new' ? 'new' : editing.code}
          editing={editing === 'new' ? null : editing}
          indicators={indicators.status === 'ok' ? indicators.data : []}
          onDone={(text) => {
            setEditing(null);
            setMessage({ kind: 'ok', text });
            onChanged();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function DataSetForm({
  editing,
  indicators,
  onDone,
  onCancel,
}: {
  editing: DataSet | null;
  indicators: IndicatorSummary[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState(editing?.code ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [chosen, setChosen] = useState<Set<string>>(
    new Set(editing?.indicators.map((i) => i.code) ?? []),
  );
  const [message, setMessage] = useState<Message>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const body = { name, indicatorCodes: [...chosen] };
    try {
      if (editing)
        await sendJson('PUT', `/api/data-sets/${encodeURIComponent(editing.code)}`, body);
      else await sendJson('POST', '/api/data-sets', { code: code.trim(), ...body });
      onDone(editing ? `Набор «${name.trim()}» сохранён.` : `Набор «${name.trim()}» создан.`);
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  const toggle = (indicator: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(indicator);
    else next.delete(indicator);
    setChosen(next);
  };
  return (
    <form className="form" onSubmit={submit} data-testid="data-set-form">
      <h3>{editing ? `Изменить набор «${editing.name}»` : 'Новый набор данных'}</h3>
      {editing ? null : (
        <label>
          Код набора (латиница, цифры, дефис)
          <input value={code} required onChange={(e) => setCode(e.target.value)} />
        </label>
      )}
      <label>
        Наименование набора
        <input value={name} required onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="data-set-indicators">
        <legend>Показатели набора</legend>
        {indicators.map((i) => (
          <label key={i.code} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(i.code)}
              onChange={(e) => toggle(i.code, e.target.checked)}
            />
            {` ${i.name}`}
            {i.derived ? <span className="hint"> (расчётный, в полноту не входит)</span> : null}
          </label>
        ))}
      </fieldset>
      {message ? (
        <p className="status status--error" role="alert">
          {message.text}
        </p>
      ) : null}
      <p className="form-actions">
        <button type="submit" className="button">
          {editing ? 'Сохранить набор' : 'Создать набор'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Отмена
        </button>
      </p>
    </form>
  );
}
