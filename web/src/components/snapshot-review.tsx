import { useState } from 'react';
import type {
  SnapshotLink,
  SnapshotSummaryWithErrata,
  SnapshotViewWithErrata,
  StoredMethodology,
} from '../../../src/server/features/rating/rating-schemas.js';
import { sendJson } from '../api/send-json.js';
import { useApiData } from '../api/use-api-data.js';
import { Link } from '../routing/link.js';
import { ratingPath } from '../routing/match-route.js';
import { ComputeRatingForm } from './compute-rating-form.js';
import { DownloadLinks } from './download-links.js';
import { DraftReview } from './draft-review.js';
import { ErrorState } from './error-state.js';
import { explainRowAction, focusExplainButton } from './explain-button.js';
import { LoadingState } from './loading-state.js';
import { RatingSnapshotDetails } from './rating-snapshot-details.js';
import { UnitExplanation } from './unit-explanation.js';

interface SnapshotReviewProps {
  summary: SnapshotSummaryWithErrata;
  stored: readonly StoredMethodology[];
  takenCodes: readonly string[];
  /** Another snapshot to open (a correction link). */
  onOpen: (code: string) => void;
  /** Something changed (published, corrected): the list reloads and shows `code`. */
  onChanged: (code: string) => void;
}

/**
 * A snapshot as the public will see it, for checking before publication: the table with an
 * explanation per unit, then publication with a confirmation, or an errata correction of a
 * published one.
 */
export function SnapshotReview({
  summary,
  stored,
  takenCodes,
  onOpen,
  onChanged,
}: SnapshotReviewProps) {
  const code = summary.code;
  const view = useApiData<SnapshotViewWithErrata>(`/api/ratings/${encodeURIComponent(code)}`);
  const [explained, setExplained] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (view.status === 'loading' || view.status === 'idle') return <LoadingState />;
  if (view.status === 'error') return <ErrorState message={view.message} />;
  const computed = summary.methodologyCode !== null;
  const corrected = summary.correctedBy.some((c) => c.publishedAt !== null);

  const publish = async () => {
    setProblem(null);
    try {
      await sendJson('POST', `/api/ratings/${encodeURIComponent(code)}/publish`, {
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(override.trim() ? { overrideReason: override.trim() } : {}),
      });
      onChanged(code);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const openLink = (link: SnapshotLink) => (
    <button type="button" className="link-button" onClick={() => onOpen(link.code)}>
      {link.title}
    </button>
  );

  return (
    <section className="snapshot-review" aria-label="Проверка снимка" data-testid="snapshot-review">
      <p
        className={`status ${summary.publishedAt ? 'status--ok' : 'status--warn'}`}
        data-testid="review-status"
      >
        {summary.publishedAt ? (
          <>
            Опубликован — <Link href={ratingPath(code)}>открыть на странице «Рейтинг»</Link>.
          </>
        ) : (
          'Черновик: не опубликован, виден только аналитикам и администраторам.'
        )}
      </p>
      <DraftReview
        code={code}
        published={summary.publishedAt !== null}
        onReviewed={() => onChanged(code)}
      />
      <DownloadLinks
        url={`/api/ratings/${encodeURIComponent(code)}/table`}
        formats={['xlsx', 'pdf', 'csv']}
        label="Таблица для справки"
        testId="rating-table-download"
      />
      <RatingSnapshotDetails
        snapshot={view.data}
        linkTo={openLink}
        rowAction={explainRowAction(computed, explained, setExplained)}
      >
        <div className="review-actions">
          {summary.publishedAt === null && !confirming ? (
            <button
              type="button"
              className="button"
              onClick={() => setConfirming(true)}
              data-testid="publish-button"
            >
              Опубликовать…
            </button>
          ) : null}
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-labelledby="confirm-title">
              <p id="confirm-title">
                <strong>Опубликовать «{summary.title}»?</strong> Рейтинг станет виден всем на
                странице «Рейтинг» и больше не изменится: ошибку можно будет исправить только
                выпуском исправления (errata).
              </p>
              <label>
                Комментарий к публикации (в журнал аудита, необязательно)
                <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
              </label>
              <label>
                Обоснование публикации, если данные периода не утверждены (сохраняется с
                публикацией)
                <input
                  value={override}
                  maxLength={2000}
                  onChange={(e) => setOverride(e.target.value)}
                />
              </label>
              <div className="form-actions">
                <button
                  type="button"
                  className="button"
                  onClick={publish}
                  data-testid="publish-confirm"
                >
                  Да, опубликовать
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(false)}
                >
                  Отмена
                </button>
              </div>
            </div>
          ) : null}
          {summary.publishedAt !== null && computed && !corrected && !correcting ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setCorrecting(true)}
              data-testid="correct-button"
            >
              Выпустить исправление (errata)…
            </button>
          ) : null}
          {problem ? (
            <p className="status status--error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        {correcting ? (
          <ComputeRatingForm
            stored={stored}
            takenCodes={takenCodes}
            correcting={summary}
            onComputed={onChanged}
            onCancel={() => setCorrecting(false)}
          />
        ) : null}
        {explained ? (
          <UnitExplanation
            key={explained}
            snapshotCode={code}
            municipalityCode={explained}
            source="staff"
            focusOnOpen
            onClose={() => {
              setExplained(null);
              focusExplainButton(explained);
            }}
          />
        ) : null}
        {!computed ? (
          <p className="hint">
            Снимок перенесён из документа-источника: объяснений и исправлений расчётом для него нет.
          </p>
        ) : null}
      </RatingSnapshotDetails>
    </section>
  );
}
