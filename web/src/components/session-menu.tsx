import { ROLE_LABELS, roleMay } from '../../../src/domain/access.js';
import { sendJson } from '../api/send-json.js';
import { setSession, useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';
import { navigate } from '../routing/use-location-path.js';

/** Who is signed in, with «Выйти» and «Выйти на всех устройствах»; or a link to sign in. */
export function SessionMenu() {
  const session = useSession();
  if (session === null) return null;
  if (!session.authenticated)
    return (
      <div className="session-menu">
        <Link href="/login" data-testid="login-link">
          Войти
        </Link>
      </div>
    );
  const leave = async (url: string) => {
    try {
      await sendJson('POST', url);
    } finally {
      setSession({ authenticated: false });
      navigate('/login');
    }
  };
  const { user } = session;
  return (
    <div className="session-menu" data-testid="session-menu">
      <span data-testid="whoami">
        {user.displayName} ({ROLE_LABELS[user.role]}
        {user.municipalities.length > 0
          ? `: ${user.municipalities.map((m) => m.name).join(', ')}`
          : ''}
        )
      </span>
      {roleMay(user.role, 'accounts.manage') ? (
        <Link href="/admin/users">Администрирование</Link>
      ) : null}
      <Link href="/account/password">Пароль</Link>
      <button type="button" className="link-button" onClick={() => leave('/api/session/logout')}>
        Выйти
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => leave('/api/session/logout-all')}
      >
        Выйти на всех устройствах
      </button>
    </div>
  );
}
