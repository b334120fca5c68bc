import { type FormEvent, useState } from 'react';
import {
  type ApiTokenView,
  TOKEN_SCOPE_LABELS,
  TOKEN_SCOPES,
  type TokenScope,
} from '../../../src/domain/access.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import { AdminOnly } from '../components/admin-only.js';
import { ErrorState } from '../components/error-state.js';
import { LoadingState } from '../components/loading-state.js';
import { useDocumentTitle } from '../components/use-document-title.js';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ru-RU') : '—');

/** «Токены API»: machine credentials for imports; the secret is shown once. */
export function TokensPage() {
  useDocumentTitle('Токены API');
  return (
    <AdminOnly title="Токены API" permission="tokens.manage">
      <TokensAdmin />
    </AdminOnly>
  );
}

function TokensAdmin() {
  const [version, setVersion] = useState(0);
  const tokens = useApiData<ApiTokenView[]>(`/api/api-tokens?v=${version}`);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['import']);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (run: () => Promise<void>) => {
    setError(null);
    try {
      await run();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const result = await sendJson<{ secret: string }>('POST', '/api/api-tokens', {
        name,
        scopes,
      });
      setSecret(result.secret);
      setName('');
    });
  };

  return (
    <>
      {secret ? (
        <div className="status status--warn" role="status" data-testid="token-secret">
          <p>Токен (показывается один раз; передайте в заголовке «Authorization: Bearer …»):</p>
          <p className="hash">{secret}</p>
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
      <form className="form" onSubmit={submit}>
        <h2>Новый токен</h2>
        <label htmlFor="token-name">Название (информационная система)</label>
        <input id="token-name" required value={name} onChange={(e) => setName(e.target.value)} />
        <fieldset>
          <legend>Области действия</legend>
          {TOKEN_SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))
                }
              />{' '}
              {TOKEN_SCOPE_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={scopes.length === 0}>
          Создать токен
        </button>
      </form>
      <h2>Токены</h2>
      {tokens.status === 'loading' ? <LoadingState /> : null}
      {tokens.status === 'error' ? <ErrorState message={tokens.message} /> : null}
      {tokens.status === 'ok' ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Название</th>
              <th scope="col">Начало</th>
              <th scope="col">Области</th>
              <th scope="col">Создал</th>
              <th scope="col">Создан</th>
              <th scope="col">Последнее использование</th>
              <th scope="col">Состояние</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.name}</th>
                <td className="hash">{t.prefix}…</td>
                <td>{t.scopes.map((s) => TOKEN_SCOPE_LABELS[s]).join(', ')}</td>
                <td>{t.createdBy ?? '—'}</td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `отозван ${when(t.revokedAt)}`
                  ) : (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        act(async () => {
                          await sendJson('POST', `/api/api-tokens/${t.id}/revoke`);
                        })
                      }
                    >
                      Отозвать
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
