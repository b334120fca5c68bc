import { useState } from 'react';
import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import type { IndicatorView } from '../../../src/domain/indicator-passport.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { IndicatorForm } from '../components/indicator-form.js';
import { IndicatorVersions } from '../components/indicator-versions.js';
import { LoadingState } from '../components/loading-state.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Показатели»: indicator passports to create and edit, derived formulas checked as typed. */
export function IndicatorsPage() {
  useDocumentTitle('Показатели');
  return (
    <PermittedPage title="Паспорта показателей" permission="indicators.manage">
      <Indicators />
    </PermittedPage>
  );
}

function Indicators() {
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  // The methodology editor links a leaf to its passport: `?code=esia_total`.
  const [selected, setSelected] = useState(
    () => new URLSearchParams(window.location.search).get('code') ?? '',
  );
  const list = useApiData<IndicatorSummary[]>(`/api/indicators?v=${version}`);
  const done = (text: string) => {
    setMessage(text);
    setVersion((v) => v + 1);
  };
  if (list.status === 'loading' || list.status === 'idle') return <LoadingState />;
  if (list.status === 'error') return <ErrorState message={list.message} />;
  // A code the registry does not hold (a stale link) opens the form for a new indicator.
  const current = list.data.some((i) => i.code === selected) ? selected : '';
  return (
    <>
      {message ? (
        <p className="status status--ok" role="status" data-testid="indicator-message">
          {message}
        </p>
      ) : null}
      <label htmlFor="indicator-pick">Показатель</label>{' '}
      <select id="indicator-pick" value={current} onChange={(e) => setSelected(e.target.value)}>
        <option value="">— новый показатель —</option>
        {list.data.map((i) => (
          <option key={i.code} value={i.code}>
            {i.code} — {i.name}
            {i.derived ? ' (производный)' : ''}
          </option>
        ))}
      </select>
      {current === '' ? (
        <>
          <h2>Новый показатель</h2>
          <IndicatorForm key={`new:${version}`} indicator={null} onDone={done} />
        </>
      ) : (
        <Passport code={current} version={version} onDone={done} />
      )}
    </>
  );
}

function Passport({
  code,
  version,
  onDone,
}: {
  code: string;
  version: number;
  onDone: (message: string) => void;
}) {
  const view = useApiData<IndicatorView>(
    `/api/indicators/${encodeURIComponent(code)}?v=${version}`,
  );
  if (view.status === 'loading' || view.status === 'idle') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={view.message} />;
  return (
    <>
      <h2>{view.data.name}</h2>
      <IndicatorVersions indicator={view.data} />
      <IndicatorForm key={`${code}:${view.data.version}`} indicator={view.data} onDone={onDone} />
    </>
  );
}
