import type { ReactNode } from 'react';
import { useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';

/** Shows a page to the department's analysts and administrators only (the server checks too). */
export function DepartmentOnly({ title, children }: { title: string; children: ReactNode }) {
  const session = useSession();
  if (session === null) return null;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      {!session.authenticated ? (
        <p className="status">
          <Link href="/login">Войдите</Link>, чтобы открыть этот раздел.
        </p>
      ) : session.user.role !== 'analyst' && session.user.role !== 'administrator' ? (
        <p className="status status--error">
          Раздел доступен только аналитикам и администраторам департамента.
        </p>
      ) : (
        children
      )}
    </section>
  );
}
