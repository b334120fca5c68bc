import type { StoredMethodology } from '../../../src/server/features/rating/rating-schemas.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { NewMethodologyForm } from '../components/new-methodology-form.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';
import { methodologyPath } from '../routing/match-route.js';

/** «Методики»: every stored methodology with its newest version, and a new one from a file. */
export function MethodologiesPage() {
  useDocumentTitle('Методики');
  return (
    <PermittedPage title="Методики" permission="methodology.manage">
      <MethodologyList />
      <NewMethodologyForm />
    </PermittedPage>
  );
}

function MethodologyList() {
  const stored = useApiData<StoredMethodology[]>('/api/methodologies');
  if (stored.status === 'error') return <ErrorState message={stored.message} />;
  if (stored.status !== 'ok') return <LoadingState />;
  const newest = new Map<string, StoredMethodology>();
  for (const m of stored.data) {
    const seen = newest.get(m.code);
    if (!seen || Number(m.version) > Number(seen.version)) newest.set(m.code, m);
  }
  if (newest.size === 0) return <p className="status">Сохранённых методик пока нет.</p>;
  return (
    <ul data-testid="methodology-list">
      {[...newest.values()].map((m) => (
        <li key={m.code}>
          <Link href={methodologyPath(m.code)}>{m.title}</Link> — <code>{m.code}</code>, версия{' '}
          {m.version}
        </li>
      ))}
    </ul>
  );
}
