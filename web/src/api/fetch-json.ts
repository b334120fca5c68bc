/** A failed API call, with a message in Russian that can be shown to the reader as is. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    /** The server's whole answer, when it carried more than a message (e.g. a rejected import). */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isErrorBody = (body: unknown): body is { message: string } =>
  typeof body === 'object' &&
  body !== null &&
  'message' in body &&
  typeof body.message === 'string' &&
  body.message !== '';

/**
 * GETs JSON from the API. The body is trusted to match `T` (the server validates its
 * responses against the same schemas); errors carry the server's Russian message.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('сервер недоступен, проверьте подключение к сети', null);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = response.ok
      ? 'сервер вернул ответ не в формате JSON'
      : `ошибка сервера (код ${response.status})`;
    throw new ApiError(message, response.status);
  }
  if (!response.ok) {
    const message = isErrorBody(body) ? body.message : `ошибка сервера (код ${response.status})`;
    throw new ApiError(message, response.status);
  }
  return body as T;
}
