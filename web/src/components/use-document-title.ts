import { useEffect } from 'react';

const PRODUCT = 'munirank';

/** Sets the browser tab's title for the current page. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${PRODUCT}`;
  }, [title]);
}
