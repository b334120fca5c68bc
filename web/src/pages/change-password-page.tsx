import { type FormEvent, useState } from 'react';
import { sendJson } from '../api/send-json.js';
import { refreshSession, useSession } from '../api/session-store.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';

/** «Смена пароля»; forced after a login with a one-time password. */
export function ChangePasswordPage() {
  useDocumentTitle('Смена пароля');
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  if (session === null) return null;
  if (!session.authenticated)
    return (
      <section aria-labelledby="page-title" className="narrow">
        <h1 id="page-title">Смена пароля</h1>
        <p>
          Сначала <Link href="/login">войдите</Link>.
        </p>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (next !== repeat) {
      setMessage({ ok: false, text: 'Новый пароль и повтор не совпадают.' });
      return;
    }
    try {
      await sendJson('POST', '/api/session/password', {
        currentPassword: current,
        newPassword: next,
      });
      setCurrent('');
      setNext('');
      setRepeat('');
      setMessage({
        ok: true,
        text: 'Пароль изменён. Другие сеансы этой учётной записи завершены.',
      });
      await refreshSession();
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <section aria-labelledby="page-title" className="narrow">
      <h1 id="page-title">Смена пароля</h1>
      {session.user.mustChangePassword ? (
        <p className="status status--warn" data-testid="must-change-password">
          Вы вошли с временным паролем. Придумайте свой пароль: до этого остальные разделы
          недоступны.
        </p>
      ) : null}
      <p>
        Не короче 12 символов; распространённые пароли не принимаются. Удобно взять фразу из
        нескольких слов.
      </p>
      <form className="form" onSubmit={submit}>
        <label htmlFor="pw-current">Текущий пароль</label>
        <input
          id="pw-current"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <label htmlFor="pw-new">Новый пароль</label>
        <input
          id="pw-new"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <label htmlFor="pw-repeat">Новый пароль ещё раз</label>
        <input
          id="pw-repeat"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
        />
        {message ? (
          <p className={message.ok ? 'status status--ok' : 'status status--error'} role="alert">
            {message.text}
          </p>
        ) : null}
        <button type="submit" className="button">
          Сменить пароль
        </button>
      </form>
    </section>
  );
}
