import type { ImportJobStatus } from '../../../src/domain/import-job.js';
import { ApiError, fetchJson } from '../api/fetch-json.js';
import { currentCsrfToken } from '../api/session-store.js';

function refusal(status: number, text: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const message =
    typeof body === 'object' && body !== null && 'message' in body
      ? String((body as { message: unknown }).message)
      : `ошибка сервера (код ${status})`;
  return new ApiError(message, status, body);
}

/** Asks for the job's status until it ends: after the stream broke, the job went on. */
async function pollUntilDone(
  id: string,
  onStatus: (status: ImportJobStatus) => void,
): Promise<ImportJobStatus> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const status = await fetchJson<ImportJobStatus>(`/api/imports/jobs/${encodeURIComponent(id)}`);
    onStatus(status);
    if (status.state !== 'running') return status;
  }
}

/**
 * Starts an import job (preview or commit) and follows it in the same answer, which the
 * server streams as one JSON status per line until the job ends. Reports the upload share
 * (0..1) and every status; resolves with the final one. If the answer breaks off after the
 * job started, polls the job instead. XMLHttpRequest, since fetch cannot report upload
 * progress.
 */
export function streamImportJob(
  body: Record<string, unknown>,
  onUpload: (sent: number) => void,
  onStatus: (status: ImportJobStatus) => void,
): Promise<ImportJobStatus> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/imports/jobs');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    xhr.setRequestHeader('content-type', 'application/json');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onUpload(e.loaded / e.total);
    };
    let read = 0;
    let last: ImportJobStatus | null = null;
    const readLines = () => {
      if (xhr.status !== 200) return;
      const text = xhr.responseText;
      let end = text.indexOf('\n', read);
      while (end !== -1) {
        const line = text.slice(read, end).trim();
        read = end + 1;
        if (line !== '') {
          last = JSON.parse(line) as ImportJobStatus;
          onStatus(last);
        }
        end = text.indexOf('\n', read);
      }
    };
    xhr.onprogress = readLines;
    // Once the job has started, a broken connection is no reason to give up on it.
    const lost = (message: string) => {
      if (last === null) reject(new ApiError(message, null));
      else pollUntilDone(last.id, onStatus).then(resolve, reject);
    };
    xhr.onerror = () => lost('сервер недоступен, проверьте подключение к сети');
    xhr.onload = () => {
      if (xhr.status !== 200) {
        reject(refusal(xhr.status, xhr.responseText));
        return;
      }
      readLines();
      if (last === null || last.state === 'running')
        lost('связь с сервером прервалась до конца импорта');
      else resolve(last);
    };
    xhr.send(JSON.stringify(body));
  });
}
