import { type FormEvent, useState } from 'react';
import type { ImportJobStatus } from '../../../src/domain/import-job.js';
import { SOURCE_SYSTEMS } from '../../../src/domain/import-mapping.js';
import type { ImportPreview, ImportResult } from '../../../src/domain/import-preview.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { ImportJobProgress, type ImportProgressState } from '../components/import-job-progress.js';
import { ImportPreviewView } from '../components/import-preview-view.js';
import { PermittedPage } from '../components/permitted-page.js';
import { streamImportJob } from '../components/stream-import-job.js';
import { useDocumentTitle } from '../components/use-document-title.js';

interface Options {
  format: '' | 'long' | 'wide';
  period: string;
  sourceSystem: string;
  encoding: '' | 'utf8' | 'cp1251';
  delimiter: '' | ';' | ',' | '\t';
}

type Source = { kind: 'file'; file: File } | { kind: 'text'; text: string };

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** Spellings confirmed on the page: of municipalities and of indicator columns. */
interface Confirmed {
  aliases: { name: string; municipality: string }[];
  indicatorAliases: { name: string; indicator: string }[];
}

async function requestBody(source: Source, options: Options, confirmed: Confirmed) {
  const { aliases, indicatorAliases } = confirmed;
  const common = {
    ...(options.format ? { format: options.format } : {}),
    ...(options.period ? { period: options.period } : {}),
    ...(options.sourceSystem ? { sourceSystem: options.sourceSystem } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(aliases.length > 0 ? { aliases } : {}),
    ...(indicatorAliases.length > 0 ? { indicatorAliases } : {}),
  };
  if (source.kind === 'text')
    return { fileName: 'вставленная таблица', text: source.text, ...common };
  const isXlsx = /\.xlsx$/i.test(source.file.name);
  return {
    fileName: source.file.name,
    base64: await toBase64(source.file),
    type: isXlsx ? 'xlsx' : 'csv',
    ...common,
  };
}

/** «Импорт данных»: a file or a pasted table → preview with every problem → all-or-nothing commit. */
export function ImportPage() {
  useDocumentTitle('Импорт данных');
  return (
    <PermittedPage title="Импорт данных" permission="import.write" className="import-page">
      <ImportWorkbench />
    </PermittedPage>
  );
}

function ImportWorkbench() {
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Options>({
    format: '',
    period: '',
    sourceSystem: '',
    encoding: '',
    delimiter: '',
  });
  const [confirmed, setConfirmed] = useState<Confirmed>({ aliases: [], indicatorAliases: [] });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const source: Source | null = file
    ? { kind: 'file', file }
    : text.trim()
      ? { kind: 'text', text }
      : null;

  /** Runs a preview or commit as a server job, showing its phase and percentage meanwhile. */
  async function runJob(
    mode: 'preview' | 'commit',
    confirmations: Confirmed,
    extra: Record<string, string> = {},
  ): Promise<ImportJobStatus | null> {
    if (!source) return null;
    setError(null);
    setProgress({ stage: 'preparing' });
    try {
      const body = { ...(await requestBody(source, options, confirmations)), ...extra, mode };
      const status = await streamImportJob(
        body,
        (sent) => setProgress({ stage: 'upload', sent }),
        (next) => setProgress({ stage: 'job', status: next }),
      );
      if (status.preview) setPreview(status.preview);
      if (status.error) setError(status.error.message);
      return status;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    } finally {
      setProgress(null);
    }
  }

  async function runPreview(confirmations = confirmed) {
    setResult(null);
    setPreview(null);
    await runJob('preview', confirmations);
  }

  async function commit() {
    if (!preview) return;
    // The server refuses a file other than the one previewed (it may have changed on disk).
    const status = await runJob('commit', confirmed, { expectedSha256: preview.sha256 });
    if (status?.result) setResult(status.result);
  }

  function confirmAlias(name: string, municipality: string) {
    const aliases = [...confirmed.aliases.filter((a) => a.name !== name), { name, municipality }];
    const next = { ...confirmed, aliases };
    setConfirmed(next);
    void runPreview(next);
  }

  function confirmIndicator(name: string, indicator: string) {
    const indicatorAliases = [
      ...confirmed.indicatorAliases.filter((a) => a.name !== name),
      { name, indicator },
    ];
    const next = { ...confirmed, indicatorAliases };
    setConfirmed(next);
    void runPreview(next);
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void runPreview();
  };
  const set = <K extends keyof Options>(key: K, value: Options[K]) => {
    setOptions({ ...options, [key]: value });
    setPreview(null);
  };
  const canCommit =
    preview !== null && preview.problems.length === 0 && !preview.noChanges && result === null;

  return (
    <>
      <p className="hint">
        CSV (UTF-8 или Windows-1251; разделитель «;», «,» или табуляция), XLSX или таблица,
        вставленная из документа. Сначала — предпросмотр: что будет добавлено и изменено и все
        ошибки с указанием строки и графы. Запись — только целиком, одной транзакцией; ход проверки
        и записи виден на шкале.
      </p>
      <p className="hint">
        Справочные данные распознаются сами: графа «Численность населения» (или «Численность
        экономически активного населения», «Целевое значение esia_total») в широкой таблице,
        показатель <code>population</code>, <code>econ_active_14_72</code> или{' '}
        <code>target:код</code> в длинной. Они хранятся по годам: период 2017-03 означает 2017 год.
      </p>
      <form onSubmit={onSubmit} className="import-form">
        <label>
          Файл
          <input
            type="file"
            accept=".csv,.txt,.tsv,.xlsx"
            data-testid="import-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </label>
        <label>
          или вставьте таблицу
          <textarea
            rows={6}
            value={text}
            data-testid="import-text"
            disabled={file !== null}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
            }}
          />
        </label>
        <div className="import-options">
          <label>
            Формат
            <select
              value={options.format}
              onChange={(e) => set('format', e.target.value as Options['format'])}
            >
              <option value="">определить</option>
              <option value="long">длинный (ОМСУ, показатель, период, значение)</option>
              <option value="wide">широкий (графа на показатель)</option>
            </select>
          </label>
          <label>
            Период значений (если в таблице нет графы периода)
            <input
              value={options.period}
              placeholder="2017-03"
              onChange={(e) => set('period', e.target.value)}
            />
          </label>
          <label>
            Система-источник
            <select
              value={options.sourceSystem}
              onChange={(e) => set('sourceSystem', e.target.value)}
            >
              <option value="">не указана</option>
              {SOURCE_SYSTEMS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            Кодировка CSV
            <select
              value={options.encoding}
              onChange={(e) => set('encoding', e.target.value as Options['encoding'])}
            >
              <option value="">определить</option>
              <option value="utf8">UTF-8</option>
              <option value="cp1251">Windows-1251</option>
            </select>
          </label>
          <label>
            Разделитель
            <select
              value={options.delimiter}
              onChange={(e) => set('delimiter', e.target.value as Options['delimiter'])}
            >
              <option value="">определить</option>
              <option value=";">точка с запятой</option>
              <option value=",">запятая</option>
              <option value={'\t'}>табуляция</option>
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={!source || progress !== null}>
            Предпросмотр
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void commit()}
            disabled={!canCommit || progress !== null}
            data-testid="import-commit"
          >
            Импортировать
          </button>
        </div>
      </form>
      {progress ? <ImportJobProgress state={progress} /> : null}
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <p className="status status--ok" role="status" data-testid="import-result">
          {result.outcome === 'committed'
            ? `Импортировано: пакет №${result.batchId}, добавлено ${formatNumberRu(result.preview.counts.insert, 0)}, изменено ${formatNumberRu(result.preview.counts.update, 0)}.`
            : 'Изменений нет: эти данные уже в базе.'}
        </p>
      ) : null}
      {preview ? (
        <ImportPreviewView
          preview={preview}
          onConfirmAlias={confirmAlias}
          onConfirmIndicator={confirmIndicator}
          written={result?.outcome === 'committed'}
        />
      ) : null}
    </>
  );
}
