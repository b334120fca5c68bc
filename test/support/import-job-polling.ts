import type { FastifyInstance } from 'fastify';
import type { ImportJobStatus } from '../../src/domain/import-job.js';

/** Polls an import job until it ends; returns every status seen, the last one final. */
export async function pollImportJob(
  app: FastifyInstance,
  id: string,
  headers: Record<string, string>,
  everyMs = 20,
): Promise<ImportJobStatus[]> {
  const seen: ImportJobStatus[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const res = await app.inject({ method: 'GET', url: `/api/imports/jobs/${id}`, headers });
    if (res.statusCode !== 200) throw new Error(`GET job: ${res.statusCode} ${res.body}`);
    const status = res.json() as ImportJobStatus;
    seen.push(status);
    if (status.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error('the import job did not end');
}
