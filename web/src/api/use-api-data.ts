import { useEffect, useState } from 'react';
import { fetchJson } from './fetch-json.js';

export type ApiData<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ok'; data: T };

type Settled<T> = { url: string } & ({ ok: true; data: T } | { ok: false; message: string });

/**
 * Loads `url` from the API and re-loads when it changes; `null` means "nothing to load yet".
 * A response for an older URL is never shown for a newer one.
 */
export function useApiData<T>(url: string | null): ApiData<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    if (url === null) return;
    const controller = new AbortController();
    fetchJson<T>(url, controller.signal).then(
      (data) => setSettled({ url, ok: true, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        setSettled({ url, ok: false, message });
      },
    );
    return () => controller.abort();
  }, [url]);

  if (url === null) return { status: 'idle' };
  if (settled === null || settled.url !== url) return { status: 'loading' };
  return settled.ok
    ? { status: 'ok', data: settled.data }
    : { status: 'error', message: settled.message };
}
