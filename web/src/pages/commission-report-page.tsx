import { type FormEvent, useEffect, useState } from 'react';
import { formatDateRu } from '../../../src/domain/russian-date-format.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';

type Format = 'docx' | 'pdf';

type Progress =
  | { stage: 'idle' }
  | { stage: 'building' }
  | { stage: 'receiving'; received: number; total: number | null }
  | { stage: 'done'; url: string; fileName: string; size: number; format: Format }
  | { stage: 'failed'; message: string };

/** «Справка для комиссии»: the briefing note for a meeting date, as DOCX or PDF. */
export function CommissionReportPage() {
  useDocumentTitle('Справка для комиссии');
  return (
    <PermittedPage title="Справка к заседанию комиссии" permission="summaries.read">
      <CommissionReportForm />
    </PermittedPage>
  );
}

/** Reads the answer's body chunk by chunk, reporting how much has arrived. */
async function readWithProgress(
  response: Response,
  onProgress: (received: number, total: number | null) => void,
): Promise<Blob> {
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  if (!response.body) return response.blob();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  return new Blob(chunks as BlobPart[], {
    type: response.headers.get('content-type') ?? 'application/octet-stream',
  });
}

function CommissionReportForm() {
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [format, setFormat] = useState<Format>('docx');
  const [progress, setProgress] = useState<Progress>({ stage: 'idle' });
  // The file's address lives as long as the page shows its link.
  useEffect(
    () => () => {
      if (progress.stage === 'done') URL.revokeObjectURL(progress.url);
    },
    [progress],
  );

  const generate = async (event: FormEvent) => {
    event.preventDefault();
    setProgress({ stage: 'building' });
    try {
      const response = await fetch(
        `/api/commission-report?date=${encodeURIComponent(date)}&format=${format}`,
      );
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setProgress({
          stage: 'failed',
          message: body?.message ?? `ошибка сервера (код ${response.status})`,
        });
        return;
      }
      const blob = await readWithProgress(response, (received, total) =>
        setProgress({ stage: 'receiving', received, total }),
      );
      setProgress({
        stage: 'done',
        url: URL.createObjectURL(blob),
        fileName: `Справка к заседанию комиссии ${date}.${format}`,
        size: blob.size,
        format,
      });
    } catch {
      setProgress({ stage: 'failed', message: 'сервер недоступен, проверьте подключение к сети' });
    }
  };

  const busy = progress.stage === 'building' || progress.stage === 'receiving';
  return (
    <>
      <p className="hint">
        Справка собирается из опубликованного на дату заседания рейтинга, выполнения плана за
        последний отчётный месяц с прогнозом на конец года и квартальных отчётов о мероприятиях; в
        приложениях — Таблица 1 и Таблица 2.
      </p>
      <form className="filters" onSubmit={generate} data-testid="commission-form">
        <label>
          Дата заседания
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          Формат
          <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="docx">Word (DOCX)</option>
            <option value="pdf">PDF</option>
          </select>
        </label>
        <button type="submit" className="button" disabled={busy}>
          Сформировать справку
        </button>
      </form>
      <div aria-live="polite" data-testid="commission-progress">
        {progress.stage === 'building' ? (
          <div className="import-progress" role="status">
            <span>Справка формируется на {formatDateRu(date)}…</span>
            <progress aria-label="Формирование справки" />
          </div>
        ) : null}
        {progress.stage === 'receiving' ? (
          <div className="import-progress" role="status">
            <span>
              Передача файла: {formatNumberRu(progress.received / 1024, 0)} КБ
              {progress.total ? ` из ${formatNumberRu(progress.total / 1024, 0)} КБ` : ''}
            </span>
            <progress
              aria-label="Передача файла"
              max={progress.total ?? undefined}
              value={progress.total ? progress.received : undefined}
            />
          </div>
        ) : null}
        {progress.stage === 'done' ? (
          <p className="status status--ok" role="status">
            Справка готова:{' '}
            <a href={progress.url} download={progress.fileName} data-testid="commission-download">
              скачать {progress.format.toUpperCase()} ({formatNumberRu(progress.size / 1024, 0)} КБ)
            </a>
          </p>
        ) : null}
        {progress.stage === 'failed' ? (
          <p className="status status--error" role="alert" data-testid="commission-error">
            {progress.message}
          </p>
        ) : null}
      </div>
    </>
  );
}
