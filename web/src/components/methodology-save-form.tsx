import { type FormEvent, useState } from 'react';
import { sendJson } from '../api/send-json.js';
import { type Draft, type FieldProblems, nextMonth, problemsOf } from './methodology-draft.js';

/** Saves the draft as the next version, in force from a month, with a change note. */
export function MethodologySaveForm({
  code,
  draft,
  baseVersion,
  onProblems,
  onSaved,
}: {
  code: string;
  draft: Draft;
  baseVersion: string | null;
  onProblems: (problems: FieldProblems) => void;
  onSaved: () => void;
}) {
  const [note, setNote] = useState('');
  const [from, setFrom] = useState(nextMonth());
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await sendJson<{ version: string; effectiveFrom: string }>(
        'POST',
        `/api/methodologies/${encodeURIComponent(code)}/versions`,
        {
          definition: draft,
          changeNote: note.trim(),
          effectiveFrom: from.trim(),
          ...(baseVersion === null ? {} : { baseVersion }),
        },
      );
      setStatus({
        ok: true,
        text: `Сохранена версия ${saved.version}, действует с ${saved.effectiveFrom}.`,
      });
      onSaved();
    } catch (error) {
      onProblems(problemsOf(error));
      setStatus({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form" onSubmit={save} data-testid="methodology-save-form">
      <h3>Сохранить новой версией</h3>
      <label>
        Что изменено
        <textarea
          required
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="change-note"
        />
      </label>
      <label>
        Действует с месяца
        <input
          required
          value={from}
          placeholder="2017-05"
          onChange={(e) => setFrom(e.target.value)}
          data-testid="effective-from"
        />
      </label>
      {status ? (
        <p
          className={`status ${status.ok ? 'status--ok' : 'status--error'}`}
          role="status"
          data-testid="save-status"
        >
          {status.text}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? 'Сохранение…' : 'Сохранить версию'}
      </button>
    </form>
  );
}
