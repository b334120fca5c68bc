import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import type { ImportJobStatus } from '../../src/domain/import-job.js';
import { createToken } from '../../src/server/features/access/api-token-service.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt } from '../support/run-cli.js';
import { journalLines, serveCli } from '../support/serve-cli.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

// 42 units × 1500 days = 63,000 values: two parts of the write, with a pause after each.
const DAYS = 1500;
let total: number;
/** The daily table; each `shift` gives other values, so a file is never the one imported before. */
function dailyTable(shift: number): string {
  const units = readDemoDataset().municipalities;
  const lines = ['ОМСУ\tПоказатель\tПериод\tЗначение'];
  for (const unit of units)
    for (let d = 0; d < DAYS; d += 1) {
      const date = new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${unit.name}\tesia_total\t${date}\t${((d + shift) * 37) % 5000}`);
    }
  total = units.length * DAYS;
  return lines.join('\n');
}
beforeAll(assertCliBuilt);

const METRICS_TOKEN = 'metrics-secret-5c1a8dc';

/** Starts a commit import job and resolves once its write has begun, with the open stream. */
async function importUnderWay(base: string, secret: string, text: string) {
  const res = await fetch(`${base}/api/imports/jobs`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${secret}`,
      'content-type': 'application/json',
      accept: 'application/x-ndjson',
    },
    body: JSON.stringify({ fileName: 'esia-daily.txt', text, mode: 'commit' }),
  });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const statuses = () =>
    buffer
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ImportJobStatus);
  while (!statuses().some((s) => s.state === 'running' && s.phase === 'запись' && s.done > 0)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the job ended before the signal: ${buffer}`);
    buffer += decoder.decode(value, { stream: true });
  }
  /** Reads the rest of the stream: the job's last status, or null when the stream was cut. */
  const finish = async (): Promise<ImportJobStatus | null> => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
      }
    } catch {
      return null;
    }
    return statuses().at(-1) ?? null;
  };
  return { finish };
}

const observations = async (instance: TestDatabaseInstance) =>
  Number(
    (await sql<{ n: number }>`SELECT count(*) AS n FROM observation`.execute(instance.handle.db))
      .rows[0]?.n,
  );

describe.each(testDatabases())('stopping the server during an import on $name', (kind) => {
  let instance: TestDatabaseInstance;
  let secret: string;
  beforeAll(async () => {
    instance = await createDemoDatabase(kind);
    ({ secret } = await createToken(
      instance.handle.db,
      { name: 'ИС СОУ', scopes: ['import'] },
      { actor: { kind: 'system', label: 'тест' }, ip: null, userAgent: null, at: new Date() },
    ));
  });
  afterAll(async () => instance?.dispose());

  it('SIGTERM lets the running import finish, then the server exits 0; no secret is logged', async () => {
    const before = await observations(instance);
    const server = serveCli({
      ...instance.env,
      MUNIRANK_IMPORT_CHUNK_DELAY_MS: '1500',
      MUNIRANK_METRICS_TOKEN: METRICS_TOKEN,
      MUNIRANK_LOG_LEVEL: 'info',
    });
    const base = await server.address;
    const metrics = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    const job = await importUnderWay(base, secret, dailyTable(0));
    server.child.kill('SIGTERM');
    await expect.poll(() => server.output()).toContain('Получен SIGTERM');
    // A new request while stopping: no connection, or 503 on one still open.
    const late = await fetch(`${base}/healthz`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    const last = await job.finish();
    const code = await server.exited;
    expect(code).toBe(0);
    expect(last).toMatchObject({ state: 'succeeded', result: { outcome: 'committed' } });
    expect(await observations(instance)).toBe(before + total);
    const output = server.output();
    expect(output).toContain(
      'Получен SIGTERM: новые запросы не принимаются; завершаются начатые запросы и задания импорта (1), не дольше 30 с.',
    );
    expect(output).toContain(
      'munirank остановлен: все начатые запросы и задания импорта завершены.',
    );
    // structured lines with request ids; neither the metrics token nor the API token in them
    const lines = journalLines(output);
    expect(lines.some((l) => typeof l.reqId === 'string' && l.reqId.length === 12)).toBe(true);
    expect(output).not.toContain(METRICS_TOKEN);
    expect(output).not.toContain(secret);
  });

  it('SIGTERM past the timeout rolls the import back; SIGKILL leaves the database as before', async () => {
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      const before = await fingerprintTables(instance.handle.db);
      const server = serveCli({
        ...instance.env,
        MUNIRANK_IMPORT_CHUNK_DELAY_MS: '8000',
        MUNIRANK_SHUTDOWN_TIMEOUT: '1',
      });
      const job = await importUnderWay(await server.address, secret, dailyTable(signal.length));
      server.child.kill(signal);
      expect(await job.finish()).toBeNull();
      expect(await server.exited).toBe(signal === 'SIGTERM' ? 1 : null);
      if (signal === 'SIGTERM')
        expect(server.output()).toContain(
          'За 1 с работа не завершилась (заданий импорта: 1): сервер останавливается, незавершённые транзакции откатываются.',
        );
      expect(await fingerprintTables(instance.handle.db)).toEqual(before);
    }
  });
});
