import { type FormEvent, useRef, useState } from 'react';
import { computeDerived } from '../../../src/domain/compute-derived.js';
import type { EntryForm, EntryProblem, WorkflowAction } from '../../../src/domain/entry-form.js';
import { entryPeriodKind, entryPeriodLabel } from '../../../src/domain/entry-period.js';
import type { Municipality } from '../../../src/domain/municipality.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { validateEntry } from '../../../src/domain/validate-entry.js';
import { sendJson } from '../api/send-json.js';
import { useSession } from '../api/session-store.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { ValueHistory } from '../components/value-history.js';
import { WorkflowPanel } from '../components/workflow-panel.js';

/** A number as officials type it: `85 199`, `0,574`; empty is null, anything else NaN. */
function parseTyped(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u2009\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : Number.NaN;
}

const typedOf = (v: number | null) => (v === null ? '' : String(v).replace('.', ','));

/** «Ввод данных»: a municipality's form for a period, its workflow and every value's history. */
export function EntryPage() {
  useDocumentTitle('Ввод данных');
  return (
    <PermittedPage title="Ввод данных" permission="municipality-data.write">
      <EntryChooser />
    </PermittedPage>
  );
}

function EntryChooser() {
  const session = useSession();
  const params = new URLSearchParams(window.location.search);
  const [code, setCode] = useState(params.get('m') ?? '');
  const [periodText, setPeriodText] = useState(params.get('p') ?? '');
  const [period, setPeriod] = useState<string | null>(params.get('p'));
  const municipalities = useApiData<Municipality[]>('/api/municipalities');
  if (!session?.authenticated) return null;
  const own = session.user.municipalities;
  const choices = own.length > 0 ? own : municipalities.status === 'ok' ? municipalities.data : [];
  const selected = code || (choices[0]?.code ?? '');
  const open = (event: FormEvent) => {
    event.preventDefault();
    setPeriod(periodText.trim());
  };
  const periodValid = period !== null && entryPeriodKind(period) !== null;
  return (
    <>
      <form className="filters" onSubmit={open}>
        <label>
          Муниципальное образование
          <select value={selected} onChange={(e) => setCode(e.target.value)}>
            {choices.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Период
          <input
            value={periodText}
            placeholder="2017-02, 2017-Q1 или 2022"
            onChange={(e) => setPeriodText(e.target.value)}
          />
        </label>
        <button type="submit" className="button">
          Открыть форму
        </button>
      </form>
      {period !== null && !periodValid ? (
        <p className="status status--error" role="alert">
          Период «{period}» не распознан: введите год (2022), квартал (2017-Q1) или месяц (2017-02).
        </p>
      ) : null}
      {periodValid && selected ? <EntryFormView code={selected} period={period} /> : null}
    </>
  );
}

function EntryFormView({ code, period }: { code: string; period: string }) {
  const [version, setVersion] = useState(0);
  const url = `/api/entry-forms/${encodeURIComponent(code)}/${encodeURIComponent(period)}`;
  const data = useApiData<EntryForm>(`${url}?v=${version}`);
  // While a saved form reloads, keep showing it (and its messages) instead of a spinner.
  const last = useRef<{ url: string; form: EntryForm } | null>(null);
  if (data.status === 'ok') last.current = { url, form: data.data };
  const shown = last.current?.url === url ? last.current.form : null;
  if (data.status === 'error') return <ErrorState message={data.message} />;
  if (shown === null) return <LoadingState />;
  return <LoadedForm key={url} form={shown} url={url} reload={() => setVersion((v) => v + 1)} />;
}

function LoadedForm({ form, url, reload }: { form: EntryForm; url: string; reload: () => void }) {
  const entered = form.lines.filter((l) => l.formula === null);
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(entered.map((l) => [l.code, typedOf(l.value)])),
  );
  // The comment saved with each value: the official sees what was said, a reviewer why.
  const [comments, setComments] = useState<Record<string, string>>(() =>
    Object.fromEntries(entered.map((l) => [l.code, l.note ?? ''])),
  );
  const [problems, setProblems] = useState<EntryProblem[]>([]);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [history, setHistory] = useState<string | null>(null);

  const values = Object.fromEntries(entered.map((l) => [l.code, parseTyped(typed[l.code] ?? '')]));
  const derived = computeDerived(
    form.lines,
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number.isNaN(v) ? null : v])),
    form.references,
  );
  const problemOf = (c: string) => problems.filter((p) => p.indicator === c);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const found = validateEntry({
      lines: form.lines,
      values,
      comments,
      jumpThresholdPercent: form.jumpThresholdPercent,
      requireAll: false,
    });
    setProblems(found);
    if (found.length > 0) return;
    try {
      await sendJson('PUT', url, { values, comments });
      setMessage({ kind: 'ok', text: 'Данные сохранены.' });
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const act = async (action: WorkflowAction, comment: string) => {
    setMessage(null);
    try {
      await sendJson('POST', `${url}/transitions`, { action, comment });
      reload();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const historyLine = form.lines.find((l) => l.code === history);
  return (
    <>
      <h2>
        {form.municipality.name}: {entryPeriodLabel(form.period)}
      </h2>
      {message ? (
        <p
          className={`status ${message.kind === 'ok' ? 'status--ok' : 'status--error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="entry-message"
        >
          {message.text}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <ul
          className="status status--error entry-problems"
          role="alert"
          data-testid="entry-problems"
        >
          {problems.map((p) => (
            <li key={`${p.indicator}-${p.message}`}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={save} noValidate>
        <div className="table-scroll">
          <table className="data-table entry-table">
            <thead>
              <tr>
                <th scope="col">Показатель</th>
                <th scope="col">Ед. изм.</th>
                <th scope="col">Прошлый период ({entryPeriodLabel(form.previousPeriod)})</th>
                <th scope="col">Значение</th>
                <th scope="col">Комментарий</th>
                <th scope="col">История</th>
              </tr>
            </thead>
            <tbody>
              {form.lines.map((l) => (
                <tr
                  key={l.code}
                  className={problemOf(l.code).length > 0 ? 'entry-row--invalid' : undefined}
                >
                  <th scope="row">{l.name}</th>
                  <td>{l.unit}</td>
                  <td>{formatNumberRu(l.previousValue, l.decimals)}</td>
                  <td>
                    {l.formula === null ? (
                      <input
                        className="entry-input"
                        aria-label={l.name}
                        inputMode="decimal"
                        value={typed[l.code] ?? ''}
                        disabled={!form.editable}
                        aria-invalid={problemOf(l.code).length > 0}
                        onChange={(e) => setTyped({ ...typed, [l.code]: e.target.value })}
                      />
                    ) : (
                      <span data-testid={`derived-${l.code}`} title={`Формула: ${l.formula}`}>
                        {formatNumberRu(derived[l.code]?.value ?? null, l.decimals)}
                        {derived[l.code]?.reason ? (
                          <span className="hint"> ({derived[l.code]?.reason})</span>
                        ) : null}
                      </span>
                    )}
                  </td>
                  <td>
                    {l.formula === null ? (
                      <input
                        className="entry-input entry-input--comment"
                        aria-label={`Комментарий: ${l.name}`}
                        value={comments[l.code] ?? ''}
                        disabled={!form.editable}
                        onChange={(e) => setComments({ ...comments, [l.code]: e.target.value })}
                      />
                    ) : (
                      <span className="hint">рассчитывается</span>
                    )}
                  </td>
                  <td>
                    {l.formula === null ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`История: ${l.name}`}
                        onClick={() => setHistory(l.code)}
                      >
                        история
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {form.editable ? (
          <button type="submit" className="button">
            Сохранить
          </button>
        ) : (
          <p className="hint">Изменение значений сейчас недоступно.</p>
        )}
      </form>
      {historyLine ? (
        <ValueHistory
          url={`${url}/values/${encodeURIComponent(historyLine.code)}/revisions`}
          title={historyLine.name}
          decimals={historyLine.decimals}
          onClose={() => setHistory(null)}
        />
      ) : null}
      <WorkflowPanel form={form} onAction={act} />
    </>
  );
}
