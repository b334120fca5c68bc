import { type FormEvent, useEffect, useState } from 'react';
import type { PortalLicence } from '../../../src/domain/portal-licence.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';

/** The line about the open data licence that every public page shows in its footer. */
export function PortalLicenceForm() {
  const current = useApiData<PortalLicence>('/api/portal/licence');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const loaded = current.status === 'ok' ? current.data.licence : null;
  useEffect(() => {
    if (loaded !== null) setText(loaded);
  }, [loaded]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const saved = await sendJson<PortalLicence>('PUT', '/api/portal/licence', { licence: text });
      setText(saved.licence);
      setMessage({ ok: true, text: 'Сохранено: портал показывает новую строку о лицензии.' });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="form form--wide" onSubmit={submit} data-testid="portal-licence-form">
      <h2>Лицензия открытых данных</h2>
      <p className="hint">
        Строка в подвале каждой страницы портала и на странице «Открытые данные»: на каких условиях
        можно использовать опубликованные данные региона.
      </p>
      <label htmlFor="portal-licence">Лицензия</label>
      <textarea
        id="portal-licence"
        rows={3}
        maxLength={500}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {message ? (
        <p
          className={`status ${message.ok ? 'status--ok' : 'status--error'}`}
          role={message.ok ? 'status' : 'alert'}
          data-testid="portal-licence-message"
        >
          {message.text}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={saving || current.status !== 'ok'}>
        Сохранить лицензию
      </button>
    </form>
  );
}
