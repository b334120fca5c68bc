import type { Command } from 'commander';
import type { DatabaseHandle } from '../../db/connect.js';
import { findUserByUsername } from '../../db/repositories/user-repository.js';
import { ROLE_LABELS } from '../../domain/access.js';
import { formatDateTimeRu } from '../../domain/russian-date-format.js';
import { RequestError } from '../../server/features/access/access-errors.js';
import type { Actor } from '../../server/features/access/actor.js';
import type { AuditContext } from '../../server/features/access/audit.js';
import { isAllowed } from '../../server/features/access/authorize.js';
import { publishStoredRating } from '../../server/features/rating/rating-staff-service.js';
import { reviewStoredRating } from '../../server/features/rating/review-service.js';
import { dataDirOption, inRegion } from '../with-database.js';

const userOption = [
  '--user <логин>',
  'учётная запись, от имени которой действие записывается в журнал аудита (аналитик или администратор)',
] as const;

/**
 * The audit context of a command run on behalf of an account: the account's own role is
 * checked, as when it acts through the web interface, and the audit trail names it.
 */
async function accountContext(handle: DatabaseHandle, login: string): Promise<AuditContext> {
  const user = await findUserByUsername(handle.db, login.trim().toLowerCase());
  if (!user) throw new Error(`--user: пользователь «${login}» не найден`);
  if (user.status !== 'active')
    throw new Error(`--user: учётная запись «${user.username}» отключена`);
  if (user.must_change_password === 1)
    throw new Error(
      `--user: «${user.username}» ещё не сменил временный пароль: войдите в интерфейс и смените его`,
    );
  const actor: Actor = {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    municipalityIds: [],
    mustChangePassword: false,
    sessionIdHash: null,
  };
  if (!isAllowed(actor, 'rating.publish'))
    throw new Error(
      `--user: «${user.username}» (${ROLE_LABELS[user.role]}) не может проверять и публиковать рейтинги: это делает аналитик или администратор`,
    );
  return { actor, ip: null, userAgent: 'munirank CLI', at: new Date() };
}

/** The API names its body field; the command line has an option for it. */
function inCommandTerms(error: unknown): never {
  if (error instanceof RequestError && error.errorCode === 'unapproved_data')
    throw new Error(error.message.replace('(поле «overrideReason»)', '(--override-reason)'));
  throw error;
}

/**
 * `munirank rating review|publish`: the steps after a computation, through the same services
 * as the web interface, so the same rules hold; publishing also waits for a review.
 */
export function registerRatingReviewCommands(program: Command): void {
  const rating = program
    .command('rating')
    .description('Рассчитанные рейтинги в базе: проверка черновика и публикация');

  rating
    .command('review')
    .description('Отметить рассчитанный черновик проверенным (записывается в журнал аудита)')
    .argument('<код>', 'код снимка рейтинга')
    .option('--remark <текст>', 'замечание проверяющего')
    .requiredOption(...userOption)
    .option(...dataDirOption)
    .action(async (code: string, opts: { remark?: string; user: string; dataDir?: string }) => {
      const review = await inRegion(opts.dataDir, async (handle, regionId) =>
        reviewStoredRating(
          handle.db,
          regionId,
          code,
          opts.remark?.trim() || null,
          await accountContext(handle, opts.user),
        ),
      );
      console.log(
        `Черновик «${code}» проверен: ${review.reviewedBy}, ${formatDateTimeRu(review.reviewedAt)}` +
          (review.remark ? `; замечание: ${review.remark}` : ''),
      );
    });

  rating
    .command('publish')
    .description(
      'Опубликовать проверенный черновик (записывается в журнал аудита); пока данные периода не утверждены — только с обоснованием',
    )
    .argument('<код>', 'код снимка рейтинга')
    .option('--note <текст>', 'примечание к публикации')
    .option(
      '--override-reason <текст>',
      'почему публикуется, хотя данные ОМСУ за период не утверждены',
    )
    .requiredOption(...userOption)
    .option(...dataDirOption)
    .action(
      async (
        code: string,
        opts: { note?: string; overrideReason?: string; user: string; dataDir?: string },
      ) => {
        await inRegion(opts.dataDir, async (handle, regionId) =>
          publishStoredRating(
            handle.db,
            regionId,
            code,
            opts.note?.trim() || null,
            await accountContext(handle, opts.user),
            opts.overrideReason?.trim() || null,
            { requireReview: true },
          ).catch(inCommandTerms),
        );
        console.log(`Рейтинг «${code}» опубликован.`);
      },
    );
}
