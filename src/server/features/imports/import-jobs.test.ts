import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../domain/import-preview.js';
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
    const started = jobs.start('user:1', 'commit', job.run);
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
    const a = jobs.start('token:3', 'commit', refused.run);
    const b = jobs.start('token:3', 'preview', failed.run);
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
    const jobs = new ImportJobs(60_000, () => now);
    const finished = controlledJob();
    const running = controlledJob();
    const f = jobs.start('user:1', 'preview', finished.run);
    const r = jobs.start('user:1', 'commit', running.run);
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
});
