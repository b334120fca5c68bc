import { useEffect, useRef, useState } from 'react';
import type { IndicatorSummary } from '../../../src/domain/data-set.js';
import type { MethodologyVersionList } from '../../../src/server/features/methodologies/methodology-version-schemas.js';
import type { SimulationResult } from '../../../src/server/features/rating/rating-schemas.js';
import { ApiError } from '../api/fetch-json.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import { ErrorState } from '../components/error-state.js';
import { FieldProblem } from '../components/field-problem.js';
import { LoadingState } from '../components/loading-state.js';
import {
  type Draft,
  type FieldProblems,
  problemsOf,
  withValueAt,
} from '../components/methodology-draft.js';
import { MethodologyFileButtons } from '../components/methodology-file-buttons.js';
import { MethodologyPreviewTable } from '../components/methodology-preview-table.js';
import { MethodologyRulesEditor } from '../components/methodology-rules-editor.js';
import { MethodologySaveForm } from '../components/methodology-save-form.js';
import { MethodologyTreeEditor } from '../components/methodology-tree-editor.js';
import { MethodologyVersionsTable } from '../components/methodology-versions-table.js';
import { PermittedPage } from '../components/permitted-page.js';
import { useDocumentTitle } from '../components/use-document-title.js';

/** «Методика»: the versions of one methodology and the editor of its next version. */
export function MethodologyEditorPage({ code }: { code: string }) {
  useDocumentTitle(`Методика ${code}`);
  return (
    <PermittedPage title={`Методика «${code}»`} permission="methodology.manage">
      <Editor code={code} />
    </PermittedPage>
  );
}

function Editor({ code }: { code: string }) {
  const [reload, setReload] = useState(0);
  const base = `/api/methodologies/${encodeURIComponent(code)}/versions`;
  const list = useApiData<MethodologyVersionList>(`${base}?v=${reload}`);
  const newest = list.status === 'ok' ? (list.data.versions[0]?.version ?? null) : null;
  const document = useApiData<Draft>(newest === null ? null : `${base}/${newest}`);
  const indicators = useApiData<IndicatorSummary[]>('/api/indicators');
  if (list.status === 'error') return <ErrorState message={list.message} />;
  if (list.status !== 'ok' || document.status !== 'ok') return <LoadingState />;
  return (
    <>
      <MethodologyVersionsTable list={list.data} />
      <DraftEditor
        key={newest}
        code={code}
        baseVersion={newest}
        initial={document.data}
        registry={indicators.status === 'ok' ? indicators.data : []}
        onSaved={() => setReload((r) => r + 1)}
      />
    </>
  );
}

function DraftEditor({
  code,
  baseVersion,
  initial,
  registry,
  onSaved,
}: {
  code: string;
  baseVersion: string | null;
  initial: Draft;
  registry: readonly IndicatorSummary[];
  onSaved: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<FieldProblems>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [periodProblem, setPeriodProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<SimulationResult | null>(null);
  const latest = useRef(0);
  const change = (path: string, value: unknown) => setDraft((d) => withValueAt(d, path, value));

  // The preview follows the draft and the period: recomputed a moment (0.3 s) after the last
  // change. A problem with the period (unknown form, no data) is shown beside the period.
  useEffect(() => {
    const ticket = ++latest.current;
    const chosen = period.trim();
    const timer = setTimeout(() => {
      sendJson<SimulationResult>('POST', `/api/methodologies/${encodeURIComponent(code)}/preview`, {
        definition: draft,
        ...(chosen === '' ? {} : { period: chosen }),
      }).then(
        (result) => {
          if (ticket !== latest.current) return;
          setPreview(result);
          setProblems(new Map());
          setMessage(null);
          setPeriodProblem(null);
        },
        (error: unknown) => {
          if (ticket !== latest.current) return;
          const text = error instanceof Error ? error.message : String(error);
          const about =
            error instanceof ApiError ? (error.body as { error?: unknown })?.error : null;
          const ofPeriod = about === 'invalid_period' || about === 'no_data';
          setPreview(null);
          setProblems(problemsOf(error));
          setMessage(ofPeriod ? null : text);
          setPeriodProblem(ofPeriod ? text : null);
        },
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [code, draft, period]);

  return (
    <div className="methodology-editor">
      <h2>Новая версия</h2>
      <MethodologyFileButtons code={code} draft={draft} onImport={setDraft} />
      {message ? (
        <p className="status status--error" role="alert" data-testid="editor-problem">
          {message}
        </p>
      ) : null}
      <MethodologyRulesEditor draft={draft} problems={problems} onChange={change} />
      <h3>Дерево показателей и веса</h3>
      {typeof draft.tree === 'object' && draft.tree !== null ? (
        <MethodologyTreeEditor
          draft={draft}
          registry={registry}
          problems={problems}
          onChange={change}
          onEdit={(edit) => setDraft(edit)}
        />
      ) : null}
      <FieldProblem problems={problems} path="/tree" />
      <h3>Предпросмотр</h3>
      <label className="form">
        Период данных для предпросмотра (пусто — последний с данными){' '}
        <input
          className="input--short"
          placeholder="последний"
          value={period}
          aria-describedby={periodProblem ? 'preview-period-problem' : undefined}
          onChange={(e) => setPeriod(e.target.value)}
          data-testid="preview-period"
        />
        {periodProblem ? (
          <span className="field-problem" role="alert" id="preview-period-problem">
            {periodProblem}
          </span>
        ) : null}
      </label>
      {preview ? (
        <MethodologyPreviewTable result={preview} />
      ) : (
        <p className="hint">
          {message || periodProblem || problems.size > 0
            ? 'Предпросмотр появится, когда ошибки будут исправлены.'
            : 'Расчёт…'}
        </p>
      )}
      <MethodologySaveForm
        code={code}
        draft={draft}
        baseVersion={baseVersion}
        onProblems={setProblems}
        onSaved={onSaved}
      />
    </div>
  );
}
