import { useSyncExternalStore } from 'react';
import type { SessionView } from '../../../src/domain/access.js';
import { fetchJson } from './fetch-json.js';

/** The session as the server last described it; `null` until the first answer. */
let current: SessionView | null = null;
const listeners = new Set<() => void>();

function publish(next: SessionView): void {
  current = next;
  for (const l of listeners) l();
}

/** The CSRF token every state-changing request sends in `x-csrf-token`. */
export const currentCsrfToken = (): string | null =>
  current?.authenticated ? current.csrfToken : null;

/** Asks the server who is signed in (also after login, logout and password changes). */
export async function refreshSession(): Promise<SessionView> {
  try {
    publish(await fetchJson<SessionView>('/api/session'));
  } catch {
    publish({ authenticated: false });
  }
  return current as SessionView;
}

export function setSession(next: SessionView): void {
  publish(next);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (current === null && listeners.size === 1) void refreshSession();
  return () => listeners.delete(listener);
}

/** The current session; re-renders on change. `null` while the first request is on its way. */
export function useSession(): SessionView | null {
  return useSyncExternalStore(subscribe, () => current);
}
