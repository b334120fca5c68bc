import type { FastifyInstance } from 'fastify';
import { freshPeriod } from './collection-fixtures.js';

/** What an analyst sends to resolve a discrepancy (without the choice and reason). */
export interface OpenDiscrepancy {
  period: string;
  observationId: number;
  reportRevision: number;
  extractRevision: number;
}

/**
 * A fresh month in which г.Бузулук's form says 900 new ЕСИА registrations and an extract of
 * ЕСИА, imported before it, says 1000: one open discrepancy, as the report lists it.
 */
export async function openDiscrepancy(
  app: FastifyInstance,
  headers: Record<string, string>,
): Promise<OpenDiscrepancy> {
  const period = freshPeriod();
  const send = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
    });
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.body}`);
    return res.json();
  };
  await send('POST', '/api/imports', {
    fileName: `esia-${period}.txt`,
    text: `ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t${period}\t1000\n`,
    sourceSystem: 'ЕСИА',
  });
  await send('PUT', `/api/entry-forms/buzuluk-city/${period}`, { values: { esia_new: 900 } });
  const row = (await send('GET', `/api/crosscheck/${period}`)).rows[0];
  return {
    period,
    observationId: row.observationId,
    reportRevision: row.report.revision,
    extractRevision: row.extract.revision,
  };
}
