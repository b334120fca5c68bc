import type { ReactNode } from 'react';
import { useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';

/** Shows administration pages to administrators only (the server checks again on every request). */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const session = useSession();
  if (session === null) return null;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <nav aria-label="Администрирование" className="admin-nav">
        <Link href="/admin/users">Пользователи</Link>
        <Link href="/admin/tokens">Токены API</Link>
        <Link href="/admin/audit">Журнал аудита</Link>
      </nav>
      {!session.authenticated ? (
        <p className="status">
          <Link href="/login">Войдите</Link>, чтобы открыть этот раздел.
        </p>
      ) : session.user.role !== 'administrator' ? (
        <p className="status status--error">Раздел доступен только администраторам.</p>
      ) : (
        children
      )}
    </section>
  );
}
