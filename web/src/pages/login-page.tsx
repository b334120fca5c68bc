import { type FormEvent, useState } from 'react';
import type { SessionView } from '../../../src/domain/access.js';
import { sendJson } from '../api/send-json.js';
import { setSession, useSession } from '../api/session-store.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { navigate } from '../routing/use-location-path.js';

/** «Вход»: username and password; a one-time password leads straight to changing it. */
export function LoginPage() {
  useDocumentTitle('Вход');
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await sendJson<SessionView>('POST', '/api/session/login', {
        username,
        password,
      });
      setSession(next);
      setPassword('');
      navigate(next.authenticated && next.user.mustChangePassword ? '/account/password' : '/');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="page-title" className="narrow">
      <h1 id="page-title">Вход</h1>
      {session?.authenticated ? (
        <p className="status" data-testid="already-signed-in">
          Вы уже вошли как {session.user.displayName}.
        </p>
      ) : null}
      <p>
        Вход для сотрудников департамента и представителей ОМСУ. Опубликованный рейтинг доступен без
        входа.
      </p>
      <form className="form" onSubmit={submit} data-testid="login-form">
        <label htmlFor="login-username">Имя пользователя</label>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label htmlFor="login-password">Пароль</label>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error ? (
          <p className="status status--error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          Войти
        </button>
      </form>
    </section>
  );
}
