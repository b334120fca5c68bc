import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import type { ImportJobStatus } from '../../src/domain/import-job.js';
import { createToken } from '../../src/server/features/access/api-token-service.js';
import { testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { assertCliBuilt, startCli } from '../support/run-cli.js';
import { fingerprintTables } from '../support/table-fingerprint.js';

let text: string;
beforeAll(() => {
  assertCliBuilt();
  const lines = ['ОМСУ\tПоказатель\tПериод\tЗначение'];
  for (const unit of readDemoDataset().municipalities)
    for (let d = 0; d < 1500; d += 1) {
      const date = new Date(Date.UTC(2010, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${unit.name}\tesia_total\t${date}\t${(d * 37) % 5000}`);
    }
  text = lines.join('\n');
});

/** `munirank serve` on a free port; resolves with its address once it listens. */
async function startServer(env: Record<string, string>) {
  const child = startCli(['serve', '--port', '0'], env);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      output += d;
      const hit = /munirank работает: (http:\/\/[^/\s]+)\//.exec(output);
      if (hit?.[1]) resolve(hit[1]);
    });
    child.on('exit', () => reject(new Error(`the server ended: ${output}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, 'exit');
}

const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) await stop(c, 'SIGKILL');
});

describe.each(testDatabases())(
  'a server restart in the middle of an import job on $name',
  (kind) => {
    it('leaves the database as before, and the job is gone', async () => {
      const instance = await createDemoDatabase(kind);
      try {
        const { secret } = await createToken(
          instance.handle.db,
          { name: 'ИС СОУ', scopes: ['import'] },
          { actor: { kind: 'system', label: 'тест' }, ip: null, userAgent: null, at: new Date() },
        );
        const auth = { authorization: `Bearer ${secret}` };
        const before = await fingerprintTables(instance.handle.db);
        // Writes pause after each part, so that the kill lands inside the open transaction.
        const first = await startServer({
          ...instance.env,
          MUNIRANK_IMPORT_CHUNK_DELAY_MS: '5000',
        });
        children.push(first.child);
        const res = await fetch(`${first.url}/api/imports/jobs`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json', accept: 'application/x-ndjson' },
          body: JSON.stringify({ fileName: 'esia-daily.txt', text, mode: 'commit' }),
        });
        expect(res.status).toBe(200);
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        let writing: ImportJobStatus | null = null;
        while (!writing) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`the job ended before the kill: ${buffer}`);
          buffer += decoder.decode(value, { stream: true });
          writing =
            buffer
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((l) => JSON.parse(l) as ImportJobStatus)
              .find((s) => s.state === 'running' && s.phase === 'запись' && s.done > 0) ?? null;
        }
        await stop(first.child, 'SIGKILL');
        await reader.cancel().catch(() => {});
        expect(await fingerprintTables(instance.handle.db)).toEqual(before);

        const second = await startServer(instance.env);
        children.push(second.child);
        const job = await fetch(`${second.url}/api/imports/jobs/${writing.id}`, { headers: auth });
        expect(job.status).toBe(404);
        expect(((await job.json()) as { message: string }).message).toContain(
          'сервер был перезапущен (незавершённый импорт ничего не записал)',
        );
        await stop(second.child, 'SIGTERM');
        expect(await fingerprintTables(instance.handle.db)).toEqual(before);
      } finally {
        await instance.dispose();
      }
    });
  },
);
