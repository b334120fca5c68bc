import { type FormEvent, useState } from 'react';
import {
  type OneTimePassword,
  ROLE_LABELS,
  ROLES,
  type Role,
  type UserView,
} from '../../../src/domain/access.js';
import type { Municipality } from '../../../src/domain/municipality.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import { AdminOnly } from '../components/admin-only.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Пользователи»: accounts, a form for a new one, disable/enable, password reset. */
export function UsersPage() {
  useDocumentTitle('Пользователи');
  return (
    <AdminOnly title="Пользователи" permission="accounts.manage">
      <UsersAdmin />
    </AdminOnly>
  );
}

function UsersAdmin() {
  const [version, setVersion] = useState(0);
  const users = useApiData<UserView[]>(`/api/users?v=${version}`);
  const municipalities = useApiData<Municipality[]>('/api/municipalities');
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const act = async (run: () => Promise<void>) => {
    setError(null);
    setNotice(null);
    try {
      await run();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const showPassword = (result: OneTimePassword) =>
    setSecret({ username: result.user.username, password: result.oneTimePassword });

  return (
    <>
      {secret ? (
        <div className="status status--warn" role="status" data-testid="one-time-password">
          <p>
            Временный пароль пользователя <strong>{secret.username}</strong> (показывается один раз,
            передайте его лично; при первом входе его нужно сменить):
          </p>
          <p className="hash">{secret.password}</p>
          <button type="button" className="link-button" onClick={() => setSecret(null)}>
            Скрыть
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="status status--error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="status status--ok" role="status" data-testid="users-notice">
          {notice}
        </p>
      ) : null}
      <NewUserForm
        municipalities={municipalities.status === 'ok' ? municipalities.data : []}
        onCreate={(input) =>
          act(async () =>
            showPassword(await sendJson<OneTimePassword>('POST', '/api/users', input)),
          )
        }
      />
      <h2>Учётные записи</h2>
      {users.status === 'loading' ? <LoadingState /> : null}
      {users.status === 'error' ? <ErrorState message={users.message} /> : null}
      {users.status === 'ok' ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">Имя пользователя</th>
                <th scope="col">Имя</th>
                <th scope="col">Роль</th>
                <th scope="col">ОМСУ</th>
                <th scope="col">Состояние</th>
                <th scope="col">Последний вход</th>
                <th scope="col">Действия</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id} data-testid="user-row">
                  <th scope="row">{u.username}</th>
                  <td>{u.displayName}</td>
                  <td>{ROLE_LABELS[u.role]}</td>
                  <td>{u.municipalities.map((m) => m.name).join(', ')}</td>
                  <td>
                    {u.status === 'active' ? 'активна' : 'отключена'}
                    {u.mustChangePassword ? ', временный пароль' : ''}
                    {u.isDemo ? ', демо' : ''}
                  </td>
                  <td>{u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString('ru-RU') : '—'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        act(async () => {
                          await sendJson(
                            'POST',
                            `/api/users/${u.id}/${u.status === 'active' ? 'disable' : 'enable'}`,
                          );
                        })
                      }
                    >
                      {u.status === 'active' ? 'Отключить' : 'Включить'}
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        act(async () =>
                          showPassword(
                            await sendJson<OneTimePassword>(
                              'POST',
                              `/api/users/${u.id}/reset-password`,
                            ),
                          ),
                        )
                      }
                    >
                      Сбросить пароль
                    </button>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        act(async () => {
                          const result = await sendJson<{ failuresCleared: number }>(
                            'POST',
                            `/api/users/${u.id}/unlock`,
                          );
                          setNotice(
                            result.failuresCleared === 0
                              ? `Вход ${u.username} не был заблокирован.`
                              : `Блокировка входа ${u.username} снята: забыто неудачных попыток — ${result.failuresCleared}.`,
                          );
                        })
                      }
                    >
                      Снять блокировку входа
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  municipalityCodes: string[];
}

function NewUserForm({
  municipalities,
  onCreate,
}: {
  municipalities: Municipality[];
  onCreate: (input: NewUserInput) => Promise<void>;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('official');
  const [codes, setCodes] = useState<string[]>([]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await onCreate({
      username,
      displayName,
      role,
      municipalityCodes: role === 'official' ? codes : [],
    });
    setUsername('');
    setDisplayName('');
    setCodes([]);
  };
  return (
    <form className="form form--wide" onSubmit={submit} data-testid="new-user-form">
      <h2>Новая учётная запись</h2>
      <label htmlFor="nu-username">Имя пользователя (латиница, цифры, точка, дефис)</label>
      <input
        id="nu-username"
        required
        pattern="[a-z0-9][a-z0-9._\-]{2,63}"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor="nu-name">Имя и должность</label>
      <input
        id="nu-name"
        required
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
      />
      <label htmlFor="nu-role">Роль</label>
      <select id="nu-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </select>
      {role === 'official' ? (
        <>
          <label htmlFor="nu-units">Муниципальные образования (можно несколько)</label>
          <select
            id="nu-units"
            multiple
            size={8}
            value={codes}
            onChange={(e) => setCodes([...e.target.selectedOptions].map((o) => o.value))}
          >
            {municipalities.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <button type="submit" className="button">
        Создать
      </button>
    </form>
  );
}
