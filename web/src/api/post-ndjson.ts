import { ApiError } from './fetch-json.js';
import { currentCsrfToken } from './session-store.js';

async function errorOf(response: Response): Promise<ApiError> {
  let message = `ошибка сервера (код ${response.status})`;
  try {
    const body = (await response.json()) as { message?: unknown };
    if (typeof body.message === 'string' && body.message !== '') message = body.message;
  } catch {
    // not JSON: keep the status
  }
  return new ApiError(message, response.status);
}

/**
 * POSTs a JSON body with the session's CSRF token and reads an NDJSON answer as it arrives,
 * handing each line to `onLine` (for progress of a long computation). A refusal (4xx/5xx
 * before the stream starts) throws the server's Russian message.
 */
export async function postNdjson<L>(
  url: string,
  body: unknown,
  onLine: (line: L) => void,
): Promise<void> {
  const headers: Record<string, string> = {
    accept: 'application/x-ndjson, application/json',
    'content-type': 'application/json',
  };
  const csrf = currentCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('сервер недоступен, проверьте подключение к сети', null);
  }
  if (!response.ok || !response.body) throw await errorOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (value) pending += value;
    const parts = pending.split('\n');
    pending = done ? '' : (parts.pop() ?? '');
    for (const part of parts) if (part.trim() !== '') onLine(JSON.parse(part) as L);
    if (done) return;
  }
}
