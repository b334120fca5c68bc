import { ApiError } from './fetch-json.js';
import { currentCsrfToken } from './session-store.js';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Share of the request body sent so far, 0..1, for a progress bar on large uploads. */
export type UploadProgress = (sent: number) => void;

function answerOf<T>(status: number, text: string): T {
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (status < 200 || status >= 300) {
    const message =
      typeof parsed === 'object' && parsed !== null && 'message' in parsed
        ? String((parsed as { message: unknown }).message)
        : `ошибка сервера (код ${status})`;
    throw new ApiError(message, status, parsed);
  }
  return parsed as T;
}

/**
 * Sends a state-changing request with a JSON body and the session's CSRF token; returns the
 * parsed answer (or null for an empty one). Errors carry the server's Russian message and
 * body. With `onUpload`, reports how much of the body has been sent (XMLHttpRequest, since
 * fetch cannot report upload progress).
 */
export function sendJson<T>(
  method: Method,
  url: string,
  body?: unknown,
  onUpload?: UploadProgress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = currentCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    if (body !== undefined) xhr.setRequestHeader('content-type', 'application/json');
    if (onUpload)
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onUpload(e.loaded / e.total);
      };
    xhr.onerror = () =>
      reject(new ApiError('сервер недоступен, проверьте подключение к сети', null));
    xhr.onload = () => {
      try {
        resolve(answerOf<T>(xhr.status, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.send(body === undefined ? null : JSON.stringify(body));
  });
}
