import { useSyncExternalStore } from 'react';

/** Fired on same-document navigations, which `popstate` does not report. */
const NAVIGATION_EVENT = 'munirank:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATION_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATION_EVENT, onChange);
  };
}

const readPath = () => window.location.pathname;

/** The current URL path; re-renders the caller on every History API navigation. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, readPath);
}

/** Goes to `path` without reloading the page; `replace` keeps the history length unchanged. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATION_EVENT));
  if (!options.replace) window.scrollTo(0, 0);
}
