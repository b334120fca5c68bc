import type { ImportJobStatus } from '../../../src/domain/import-job.js';
import { ApiError } from '../api/fetch-json.js';
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

/**
 * Starts an import job (preview or commit) and follows it in the same answer, which the
 * server streams as one JSON status per line until the job ends. Reports the upload share
 * (0..1) and every status; resolves with the final one. XMLHttpRequest, since fetch cannot
 * report upload progress.
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
    xhr.onerror = () =>
      reject(new ApiError('сервер недоступен, проверьте подключение к сети', null));
    xhr.onload = () => {
      if (xhr.status !== 200) {
        reject(refusal(xhr.status, xhr.responseText));
        return;
      }
      readLines();
      if (last === null || last.state === 'running')
        reject(new ApiError('связь с сервером прервалась до конца импорта', null));
      else resolve(last);
    };
    xhr.send(JSON.stringify(body));
  });
}
