import { positive } from '../access/access-config.js';

/** How many import jobs may run at once and how much of their files the server holds. */
export interface ImportJobLimits {
  /** Running jobs per account or API token (MUNIRANK_IMPORT_JOBS_PER_USER, 2). */
  runningPerOwner: number;
  /**
   * Bytes of files held by running jobs in the whole server (MUNIRANK_IMPORT_JOBS_MEMORY_MB,
   * 256 MB). A file is held from the start of its job to its end, not after.
   */
  maxHeldBytes: number;
}

const MB = 1024 * 1024;

/** What a client is told to wait before trying again, in seconds (the Retry-After header). */
export const IMPORT_JOB_RETRY_AFTER_S = 10;

export function readImportJobLimits(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ImportJobLimits> = {},
): ImportJobLimits {
  const perUser = positive(env.MUNIRANK_IMPORT_JOBS_PER_USER, 2, 'MUNIRANK_IMPORT_JOBS_PER_USER');
  const mb = positive(env.MUNIRANK_IMPORT_JOBS_MEMORY_MB, 256, 'MUNIRANK_IMPORT_JOBS_MEMORY_MB');
  return {
    runningPerOwner: Math.max(1, Math.floor(perUser)),
    maxHeldBytes: Math.floor(mb * MB),
    ...overrides,
  };
}

/** Why a job may not start now: 429 for its owner's own jobs, 503 for the server's memory. */
export interface ImportJobRefusal {
  status: 429 | 503;
  error: 'too_many_import_jobs' | 'import_memory_full';
  message: string;
  retryAfterSeconds: number;
}

/** A size as people read it: kilobytes below a megabyte, megabytes to a tenth above. */
const sizeOf = (bytes: number) =>
  bytes < MB
    ? `${Math.ceil(bytes / 1024)} КБ`
    : `${(bytes / MB).toLocaleString('ru-RU', { maximumFractionDigits: 1 })} МБ`;

/**
 * Whether a new job with a file of `bytes` may start beside the running ones. The owner's
 * limit comes first: it is theirs to lift. A file alone is never refused for memory, or a
 * file above the limit could never be imported; the body limit bounds it.
 */
export function refuseImportJob(
  limits: ImportJobLimits,
  running: { ownerJobs: number; heldBytes: number },
  bytes: number,
): ImportJobRefusal | null {
  const retryAfterSeconds = IMPORT_JOB_RETRY_AFTER_S;
  if (running.ownerJobs >= limits.runningPerOwner)
    return {
      status: 429,
      error: 'too_many_import_jobs',
      message: `У вас уже выполняется заданий импорта: ${running.ownerJobs} (можно не больше ${limits.runningPerOwner} одновременно). Дождитесь окончания одного из них и запустите снова.`,
      retryAfterSeconds,
    };
  if (running.heldBytes > 0 && running.heldBytes + bytes > limits.maxHeldBytes)
    return {
      status: 503,
      error: 'import_memory_full',
      message: `Сервер занят: файлы выполняющихся заданий импорта занимают ${sizeOf(running.heldBytes)} из ${sizeOf(limits.maxHeldBytes)}, а этот файл — ${sizeOf(bytes)}. Память освобождается, как только задание заканчивается; повторите через ${retryAfterSeconds} с.`,
      retryAfterSeconds,
    };
  return null;
}
