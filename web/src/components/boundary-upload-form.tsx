import { type FormEvent, useState } from 'react';
import {
  type BoundaryChoice,
  type BoundaryPreview,
  type BoundaryRecord,
  MAX_BOUNDARY_BYTES,
} from '../../../src/domain/boundaries.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { sendJson } from '../api/send-json.js';
import { Link } from '../routing/link.js';

/** Leave a feature off the map: the choice the administrator makes for a neighbour's area. */
const LEAVE_OUT = '—';

/**
 * Upload of a boundary file: read in the browser, previewed by the server (nothing stored),
 * each unmatched feature given a unit or marked «не показывать», then saved.
 */
export function BoundaryUploadForm({ onSaved }: { onSaved: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<BoundaryPreview | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [attribution, setAttribution] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<BoundaryRecord | null>(null);

  const run = async (label: string, work: () => Promise<void>) => {
    setError(null);
    setBusy(label);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const pick = (picked: File | undefined) => {
    setPreview(null);
    setSaved(null);
    setChosen({});
    setFile(null);
    if (!picked) return;
    if (picked.size > MAX_BOUNDARY_BYTES) {
      setError(
        `Файл «${picked.name}» больше ${MAX_BOUNDARY_BYTES / 1024 / 1024} МБ: границы региона так много не занимают — упростите их перед загрузкой. Ничего не загружено.`,
      );
      return;
    }
    void run('Чтение и проверка файла…', async () => {
      const text = await picked.text();
      setFile({ name: picked.name, text });
      setPreview(
        await sendJson<BoundaryPreview>('POST', '/api/boundaries/preview', {
          fileName: picked.name,
          text,
        }),
      );
    });
  };

  const unresolved = preview?.unmatched.filter((u) => !chosen[u.feature]) ?? [];
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !preview) return;
    const choices: BoundaryChoice[] = Object.entries(chosen).map(([feature, code]) => ({
      feature,
      municipality: code === LEAVE_OUT ? null : code,
    }));
    void run('Сохранение границ…', async () => {
      const record = await sendJson<BoundaryRecord>('POST', '/api/boundaries', {
        fileName: file.name,
        text: file.text,
        choices,
        attribution,
        expectedSha256: preview.sha256,
      });
      setSaved(record);
      setPreview(null);
      onSaved();
    });
  };

  return (
    <form className="form" onSubmit={save} aria-label="Загрузка границ">
      <h2>Загрузить новые границы</h2>
      <label htmlFor="boundary-file">Файл GeoJSON или TopoJSON (до 50 МБ)</label>
      <input
        id="boundary-file"
        type="file"
        accept=".geojson,.json,.topojson,application/geo+json,application/json"
        onChange={(e) => pick(e.target.files?.[0])}
      />
      {busy ? (
        <p role="status" className="status">
          {busy}
        </p>
      ) : null}
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      {saved ? (
        <p className="status status--ok" role="status" data-testid="boundaries-saved">
          Границы сохранены: на карте {saved.matched.length} ОМСУ.{' '}
          <Link href="/">Открыть портал</Link>
        </p>
      ) : null}
      {preview ? (
        <section data-testid="boundaries-preview" aria-label="Предпросмотр границ">
          <p>
            Объектов в файле: {preview.features}; сопоставлено по названию: {preview.matched.length}
            ; требуют решения: {preview.unmatched.length}. После упрощения карта займёт{' '}
            {formatNumberRu(preview.simplifiedBytes / 1024, 0)} КБ.
          </p>
          {preview.unmatched.length > 0 ? (
            <fieldset>
              <legend>Объекты без ОМСУ</legend>
              {preview.unmatched.map((u, i) => (
                <div key={u.feature}>
                  <label htmlFor={`unmatched-${i}`}>«{u.feature}»</label>
                  <select
                    id={`unmatched-${i}`}
                    value={chosen[u.feature] ?? ''}
                    onChange={(e) => setChosen({ ...chosen, [u.feature]: e.target.value })}
                  >
                    <option value="">— выберите —</option>
                    {u.candidates.map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                      </option>
                    ))}
                    <option value={LEAVE_OUT}>не показывать на карте</option>
                  </select>
                </div>
              ))}
            </fieldset>
          ) : null}
          {preview.unitsWithout.length > 0 ? (
            <p data-testid="units-without">
              ОМСУ без границ на карте ({preview.unitsWithout.length}):{' '}
              {preview.unitsWithout.map((u) => u.name).join(', ')}.
            </p>
          ) : null}
          <label htmlFor="boundary-attribution">Источник и лицензия (строка под картой)</label>
          <input
            id="boundary-attribution"
            value={attribution}
            maxLength={300}
            placeholder="Границы: © участники OpenStreetMap, лицензия ODbL 1.0"
            onChange={(e) => setAttribution(e.target.value)}
          />
          <button
            type="submit"
            className="button"
            disabled={busy !== null || unresolved.length > 0}
          >
            Сохранить границы
          </button>
          {unresolved.length > 0 ? (
            <p>Чтобы сохранить, решите судьбу объектов без ОМСУ: {unresolved.length}.</p>
          ) : null}
        </section>
      ) : null}
    </form>
  );
}
