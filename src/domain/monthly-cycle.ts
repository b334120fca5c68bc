import { Type } from 'typebox';
import { CollectionBoard } from './collection-board.js';
import { Nullable } from './nullable.js';
import { RatingReview } from './rating-review.js';

/** The steps of a month's cycle, in the order the department takes them. */
export const CYCLE_STEPS = ['import', 'approve', 'compute', 'review', 'publish'] as const;
export type CycleStepName = (typeof CYCLE_STEPS)[number];

export const CYCLE_STEP_LABELS: Record<CycleStepName, string> = {
  import: 'Загрузить выгрузку',
  approve: 'Утвердить отправленные формы',
  compute: 'Рассчитать рейтинг',
  review: 'Проверить расчёт',
  publish: 'Опубликовать',
};

/** Workflow states whose values are reported but not yet approved: they hold a publication. */
export const UNAPPROVED_STATUSES = ['submitted', 'returned'] as const;

export const CycleStep = Type.Object({
  step: Type.Union(
    CYCLE_STEPS.map((s) => Type.Literal(s)),
  ) as Type.TSchema as Type.TUnsafe<CycleStepName>,
  label: Type.String(),
  allowed: Type.Boolean(),
  /** Why the step is not allowed now (Russian sentence); null when it is. */
  reason: Nullable(Type.String()),
  /** Publishing only: refused now, but allowed with an override reason. */
  overridable: Type.Boolean(),
  /** The page where the step is taken. */
  href: Type.String(),
});
export type CycleStep = Type.Static<typeof CycleStep>;

export const CycleRating = Type.Object({
  code: Type.String(),
  title: Type.String(),
  period: Type.String(),
  createdAt: Type.String(),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
  note: Nullable(Type.String()),
  /** Why it was published with unapproved data, if it was. */
  overrideReason: Nullable(Type.String()),
  /** The recorded review of the draft; null while nobody has reviewed it. */
  review: Nullable(RatingReview),
});
export type CycleRating = Type.Static<typeof CycleRating>;

/** A month from data to publication: the board, the extracts, the ratings and the next steps. */
export const MonthlyCycle = Type.Object({
  period: Type.String(),
  board: CollectionBoard,
  /** Municipalities whose reported data of the period are not approved yet. */
  unapproved: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  imports: Type.Array(
    Type.Object({
      id: Type.Integer(),
      fileName: Type.String(),
      sourceSystem: Nullable(Type.String()),
      author: Type.String(),
      importedAt: Type.String(),
      valuesRead: Type.Integer(),
    }),
  ),
  ratings: Type.Array(CycleRating),
  steps: Type.Array(CycleStep),
});
export type MonthlyCycle = Type.Static<typeof MonthlyCycle>;

export interface CycleFacts {
  period: string;
  /** Whether the reader may take the department's steps (analysts and administrators). */
  canAct: boolean;
  submitted: number;
  unapproved: string[];
  /** Values of the period held, from forms or imports. */
  hasValues: boolean;
  drafts: number;
  /** The newest draft of the period nobody has reviewed yet, if any. */
  unreviewed: string | null;
  /** The newest reviewed draft of the period, if any: the one the cycle publishes. */
  reviewed: string | null;
}

const step = (
  name: CycleStepName,
  href: string,
  reason: string | null,
  overridable = false,
): CycleStep => ({
  step: name,
  label: CYCLE_STEP_LABELS[name],
  allowed: reason === null,
  reason,
  overridable,
  href,
});

/**
 * Which next steps of a month's cycle are allowed now, and why not. Publishing waits for a
 * reviewed draft, then for approved data (or an override reason).
 *
 * @example cycleSteps({ period: '2017-04', canAct: true, submitted: 0, unapproved: [], hasValues: true, drafts: 0, unreviewed: null, reviewed: null })[1].reason
 * // 'Нет отправленных форм: утверждать нечего.'
 */
export function cycleSteps(f: CycleFacts): CycleStep[] {
  const staffOnly = f.canAct ? null : 'Этот шаг выполняет аналитик или администратор.';
  const noDraft = 'Нет рассчитанного неопубликованного рейтинга за период: сначала рассчитайте.';
  const collection = '/data/collection';
  const ratings = `/data/ratings?period=${f.period}`;
  const draftPage = (code: string | null) => (code ? `/data/ratings?snapshot=${code}` : ratings);
  const notReviewed =
    f.drafts === 0
      ? noDraft
      : f.reviewed === null
        ? 'Расчёт не проверен: сначала отметьте черновик проверенным (шаг «Проверить расчёт»).'
        : null;
  return [
    step('import', '/data/import', staffOnly),
    step(
      'approve',
      collection,
      staffOnly ?? (f.submitted === 0 ? 'Нет отправленных форм: утверждать нечего.' : null),
    ),
    step(
      'compute',
      ratings,
      staffOnly ??
        (f.hasValues
          ? null
          : 'За период нет ни одного значения: сначала загрузите выгрузку или дождитесь форм.'),
    ),
    step(
      'review',
      draftPage(f.unreviewed),
      staffOnly ??
        (f.drafts === 0
          ? noDraft
          : f.unreviewed === null
            ? 'Все рассчитанные черновики периода уже проверены.'
            : null),
    ),
    f.canAct && notReviewed === null && f.unapproved.length > 0
      ? step(
          'publish',
          draftPage(f.reviewed),
          `Не утверждены данные ОМСУ (${f.unapproved.length}): ${f.unapproved.join(', ')}. ` +
            'Опубликовать можно только с обоснованием отступления.',
          true,
        )
      : step('publish', draftPage(f.reviewed), staffOnly ?? notReviewed),
  ];
}
