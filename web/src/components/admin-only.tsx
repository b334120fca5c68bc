import type { ReactNode } from 'react';
import type { Permission } from '../../../src/domain/access.js';
import { Link } from '../routing/link.js';
import { PermittedPage } from './permitted-page.js';

/** An administration page with the administration's links (the server checks every request). */
export function AdminOnly({
  title,
  permission,
  children,
}: {
  title: string;
  permission: Permission;
  children: ReactNode;
}) {
  return (
    <PermittedPage
      title={title}
      permission={permission}
      nav={
        <nav aria-label="Администрирование" className="admin-nav">
          <Link href="/admin/users">Пользователи</Link>
          <Link href="/admin/tokens">Токены API</Link>
          <Link href="/admin/audit">Журнал аудита</Link>
          <Link href="/admin/boundaries">Границы для карты</Link>
        </nav>
      }
    >
      {children}
    </PermittedPage>
  );
}
