import { useState } from 'react';
import {
  type EntryForm,
  SUBMISSION_STATUS_LABELS,
  WORKFLOW_ACTION_LABELS,
  type WorkflowAction,
} from '../../../src/domain/entry-form.js';

const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

/** The form's status, what may be done with it now, and the history of transitions. */
export function WorkflowPanel({
  form,
  onAction,
}: {
  form: EntryForm;
  onAction: (action: WorkflowAction, comment: string) => void;
}) {
  const [comment, setComment] = useState('');
  const needsComment = form.actions.some((a) => a === 'return' || a === 'unlock');
  return (
    <section className="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Состояние</h2>
      <p data-testid="entry-status">
        Статус: <strong>{SUBMISSION_STATUS_LABELS[form.status]}</strong>
        {form.comment ? ` — ${form.comment}` : ''}
      </p>
      {needsComment ? (
        <label className="workflow__comment">
          Комментарий к действию
          <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
      ) : null}
      <div className="form-actions">
        {form.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'submit' || a === 'approve' ? 'button' : 'button button--secondary'}
            onClick={() => onAction(a, comment)}
          >
            {WORKFLOW_ACTION_LABELS[a]}
          </button>
        ))}
      </div>
      {form.history.length > 0 ? (
        <ol className="workflow__history" data-testid="workflow-history">
          {form.history.map((h) => (
            <li key={`${h.at}-${h.toStatus}`}>
              {formatTime(h.at)}: {h.fromStatus ? SUBMISSION_STATUS_LABELS[h.fromStatus] : '—'} →{' '}
              {SUBMISSION_STATUS_LABELS[h.toStatus]} ({h.actor}){h.comment ? `: ${h.comment}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
