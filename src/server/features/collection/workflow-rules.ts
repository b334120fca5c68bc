import type { SubmissionStatus, WorkflowAction } from '../../../domain/entry-form.js';
import { entryPeriodKind } from '../../../domain/entry-period.js';
import { RequestError } from '../access/access-errors.js';
import type { Actor } from '../access/actor.js';
import { isAllowed } from '../access/authorize.js';

/** Where each workflow action may start and where it leads. */
export const TRANSITIONS: Record<
  WorkflowAction,
  { from: SubmissionStatus[]; to: SubmissionStatus }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted', 'approved'], to: 'returned' },
  approve: { from: ['submitted'], to: 'approved' },
  lock: { from: ['approved'], to: 'locked' },
  unlock: { from: ['locked'], to: 'returned' },
};

/** Officials submit their own data; analysts and administrators review, lock and unlock. */
export const actionPermission = (action: WorkflowAction) =>
  action === 'submit' ? ('municipality-data.write' as const) : ('data.approve' as const);

/** The actions `actor` may take on a form in `status`. */
export function availableActions(
  actor: Actor,
  municipalityId: number,
  status: SubmissionStatus,
): WorkflowAction[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter(
    (a) =>
      TRANSITIONS[a].from.includes(status) &&
      isAllowed(actor, actionPermission(a), { municipalityId }),
  );
}

/**
 * Why values of a form in `status` cannot be changed by `actor` now, or null if they can.
 * Officials edit drafts and returned forms; reviewers may also correct a submitted one.
 */
export function editRefusal(
  actor: Actor,
  municipalityId: number,
  status: SubmissionStatus,
): string | null {
  if (status === 'locked')
    return 'Период закрыт: изменить данные можно только после того, как аналитик или администратор откроет период.';
  if (status === 'approved')
    return 'Данные утверждены: изменить их можно только после возврата на доработку.';
  if (status === 'submitted' && !isAllowed(actor, 'data.approve', { municipalityId }))
    return 'Данные отправлены на проверку: изменить их можно после возврата на доработку.';
  return null;
}

export function requirePeriod(period: string): void {
  if (entryPeriodKind(period) === null)
    throw new RequestError(
      400,
      'invalid_period',
      `Период «${period}» не распознан: ожидается год (2017), квартал (2017-Q1) или месяц (2017-02).`,
    );
}

/** Throws unless `date` is a real calendar day written `YYYY-MM-DD`. */
export function requireDueDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date)
    throw new RequestError(
      400,
      'invalid_date',
      `Дата «${date}» не распознана: ожидается существующая дата ГГГГ-ММ-ДД.`,
    );
}
