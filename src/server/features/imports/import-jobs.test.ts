import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../domain/import-preview.js';
import { readImportJobLimits } from './import-job-limits.js';
import { type ImportJobOutcome, ImportJobs } from './import-jobs.js';

const preview = { summary: 'Будет добавлено: 1, изменено: 0, без изменений: 0.' } as ImportPreview;
const tick = () => new Promise((r) => setImmediate(r));

/** A job whose progress and ending the test drives by hand. */
function controlledJob() {
  let report: (p: { phase: 'запись'; done: number; total: number }) => void = () => {};
  let end: (o: ImportJobOutcome) => void = () => {};
  const run = (onProgress: typeof report) =>
    new Promise<ImportJobOutcome>((resolve) => {
      report = onProgress;
      end = resolve;
    });
  return {
    run,
    report: (done: number, total: number) => report({ phase: 'запись', done, total }),
    end: (o: ImportJobOutcome) => end(o),
  };
}

describe('import jobs', () => {
  it('report phase and percent while running, then the outcome, to the owner only', async () => {
    const jobs = new ImportJobs();
    const job = controlledJob();
    const started = jobs.start('user:1', 'commit', 100, job.run);
    expect(started).toMatchObject({ state: 'running', phase: null, percent: 0, mode: 'commit' });
    await tick();
    job.report(6000, 24000);
    expect(jobs.get(started.id, 'user:1')).toMatchObject({
      state: 'running',
      phase: 'запись',
      done: 6000,
      total: 24000,
      percent: 25,
    });
    job.report(23999, 24000);
    expect(jobs.get(started.id, 'user:1')?.percent).toBe(99);
    expect(jobs.get(started.id, 'user:2')).toBeNull();
    expect(jobs.get('no-such-job', 'user:1')).toBeNull();
    job.end({ state: 'succeeded', preview, result: null });
    await tick();
    expect(jobs.get(started.id, 'user:1')).toMatchObject({
      state: 'succeeded',
      percent: 100,
      preview: { summary: preview.summary },
      error: null,
    });
  });

  it('keep a refused commit with its preview and status 422, a failure with its status', async () => {
    const jobs = new ImportJobs();
    const refused = controlledJob();
    const failed = controlledJob();
    const a = jobs.start('token:3', 'commit', 100, refused.run);
    const b = jobs.start('token:3', 'preview', 100, failed.run);
    await tick();
    refused.end({ state: 'rejected', preview, message: 'Найдено ошибок: 1.' });
    failed.end({ state: 'failed', status: 403, message: 'Нет доступа' });
    await tick();
    expect(jobs.get(a.id, 'token:3')).toMatchObject({
      state: 'rejected',
      error: { status: 422, message: 'Найдено ошибок: 1.' },
      preview: { summary: preview.summary },
    });
    expect(jobs.get(b.id, 'token:3')).toMatchObject({
      state: 'failed',
      error: { status: 403, message: 'Нет доступа' },
      preview: null,
    });
  });

  it('drop finished jobs after the retention time, never running ones', async () => {
    let now = Date.UTC(2026, 10, 25, 10);
    const jobs = new ImportJobs({ ttlMs: 60_000, now: () => now });
    const finished = controlledJob();
    const running = controlledJob();
    const f = jobs.start('user:1', 'preview', 100, finished.run);
    const r = jobs.start('user:1', 'commit', 100, running.run);
    await tick();
    finished.end({ state: 'succeeded', preview, result: null });
    await tick();
    now += 60_000;
    expect(jobs.get(f.id, 'user:1')?.state).toBe('succeeded');
    now += 1;
    expect(jobs.get(f.id, 'user:1')).toBeNull();
    now += 3_600_000;
    expect(jobs.get(r.id, 'user:1')?.state).toBe('running');
    expect(jobs.size).toBe(1);
  });

  it('refuse a third running job of one owner (429) while another owner starts one', async () => {
    const jobs = new ImportJobs({ limits: { runningPerOwner: 2, maxHeldBytes: 1_000_000 } });
    const [a, b, c] = [controlledJob(), controlledJob(), controlledJob()];
    const first = jobs.start('user:1', 'preview', 100, a.run);
    jobs.start('user:1', 'commit', 100, b.run);
    expect(jobs.refusal('user:1', 100)).toEqual({
      status: 429,
      error: 'too_many_import_jobs',
      message:
        'У вас уже выполняется заданий импорта: 2 (можно не больше 2 одновременно). Дождитесь окончания одного из них и запустите снова.',
      retryAfterSeconds: 10,
    });
    expect(() => jobs.start('user:1', 'preview', 100, c.run)).toThrow('too_many_import_jobs');
    expect(jobs.refusal('user:2', 100)).toBeNull();
    jobs.start('user:2', 'preview', 100, c.run);
    await tick();
    a.end({ state: 'succeeded', preview, result: null });
    await tick();
    // A finished job no longer counts; its outcome stays readable.
    expect(jobs.get(first.id, 'user:1')?.state).toBe('succeeded');
    expect(jobs.refusal('user:1', 100)).toBeNull();
  });

  it('hold file bytes only while running and refuse a file beyond the server cap (503)', async () => {
    const jobs = new ImportJobs({ limits: { runningPerOwner: 2, maxHeldBytes: 3 * 1024 * 1024 } });
    const [a, b, c] = [controlledJob(), controlledJob(), controlledJob()];
    const mb = 1024 * 1024;
    const big = jobs.start('user:1', 'commit', 2 * mb, a.run);
    jobs.start('user:2', 'commit', mb, b.run);
    expect(jobs.heldBytes).toBe(3 * mb);
    expect(jobs.refusal('user:3', 1500)).toEqual({
      status: 503,
      error: 'import_memory_full',
      message:
        'Сервер занят: файлы выполняющихся заданий импорта занимают 3 МБ из 3 МБ, а этот файл — 2 КБ. Память освобождается, как только задание заканчивается; повторите через 10 с.',
      retryAfterSeconds: 10,
    });
    await tick();
    a.end({ state: 'failed', status: 403, message: 'Нет доступа' });
    await tick();
    expect(jobs.heldBytes).toBe(mb);
    expect(jobs.get(big.id, 'user:1')?.state).toBe('failed');
    expect(jobs.refusal('user:3', 2 * mb)).toBeNull();
    expect(jobs.refusal('user:3', 2 * mb + 1)?.status).toBe(503);
    b.end({ state: 'succeeded', preview, result: null });
    await tick();
    expect(jobs.heldBytes).toBe(0);
    // Alone, a file above the cap is admitted: it could never start otherwise.
    jobs.start('user:3', 'preview', 5 * mb, c.run);
    expect(jobs.heldBytes).toBe(5 * mb);
  });

  it('end a job whose run throws as failed, releasing its bytes', async () => {
    const jobs = new ImportJobs({ limits: { runningPerOwner: 1, maxHeldBytes: 10 } });
    const started = jobs.start('user:1', 'preview', 10, () => Promise.reject(new Error('сбой')));
    await tick();
    await tick();
    expect(jobs.get(started.id, 'user:1')).toMatchObject({
      state: 'failed',
      error: { status: 500, message: 'Внутренняя ошибка сервера. Подробности записаны в журнал.' },
    });
    expect(jobs.heldBytes).toBe(0);
    expect(jobs.refusal('user:1', 10)).toBeNull();
  });

  it('read their limits from the environment: 2 jobs per owner and 256 MB by default', () => {
    expect(readImportJobLimits({})).toEqual({ runningPerOwner: 2, maxHeldBytes: 268_435_456 });
    expect(
      readImportJobLimits({
        MUNIRANK_IMPORT_JOBS_PER_USER: '3',
        MUNIRANK_IMPORT_JOBS_MEMORY_MB: '0.5',
      }),
    ).toEqual({ runningPerOwner: 3, maxHeldBytes: 524_288 });
    expect(() => readImportJobLimits({ MUNIRANK_IMPORT_JOBS_PER_USER: '-1' })).toThrow(
      'Недопустимое значение MUNIRANK_IMPORT_JOBS_PER_USER: -1',
    );
  });
});
