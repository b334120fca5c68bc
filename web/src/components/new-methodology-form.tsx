import { type FormEvent, useState } from 'react';
import { sendJson } from '../api/send-json.js';
import { methodologyPath } from '../routing/match-route.js';
import { navigate } from '../routing/use-location-path.js';
import { nextMonth } from './methodology-draft.js';

/** A methodology new to the region, from a JSON file: saved as its first version. */
export function NewMethodologyForm() {
  const [file, setFile] = useState<File | null>(null);
  const [from, setFrom] = useState(nextMonth());
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    try {
      const definition = JSON.parse(await file.text()) as { code?: unknown };
      const code = String(definition.code ?? '');
      await sendJson('POST', `/api/methodologies/${encodeURIComponent(code)}/versions`, {
        definition,
        changeNote: `Загружена из файла ${file.name}`,
        effectiveFrom: from.trim(),
      });
      navigate(methodologyPath(code));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <form className="form" onSubmit={submit}>
      <h2>Новая методика из файла JSON</h2>
      <label>
        Файл методики
        <input
          type="file"
          required
          accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      <label>
        Действует с месяца
        <input required value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      {problem ? (
        <p className="status status--error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button">
        Сохранить первой версией
      </button>
    </form>
  );
}
