import type { ReactNode } from 'react';
import { type Permission, ROLE_LABELS, roleMay } from '../../../src/domain/access.js';
import { useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';

/**
 * A staff page under its title, shown to the roles the server's permission table lets use it
 * (the server checks every request again); others learn why they cannot, in words.
 */
export function PermittedPage({
  title,
  permission,
  className,
  nav,
  children,
}: {
  title: string;
  permission: Permission;
  className?: string;
  /** Shown under the title whatever the role (the administration's own links). */
  nav?: ReactNode;
  children: ReactNode;
}) {
  const session = useSession();
  if (session === null) return null;
  return (
    <section aria-labelledby="page-title" className={className}>
      <h1 id="page-title">{title}</h1>
      {nav}
      {!session.authenticated ? (
        <p className="status">
          <Link href="/login">Войдите</Link>, чтобы открыть этот раздел.
        </p>
      ) : !roleMay(session.user.role, permission) ? (
        <p className="status status--error" data-testid="role-refusal">
          Раздел недоступен для роли «{ROLE_LABELS[session.user.role]}».
        </p>
      ) : (
        children
      )}
    </section>
  );
}
