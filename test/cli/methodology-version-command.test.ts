import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'munirank-versions-'));
const fileOf = (name: string, weight: unknown) => {
  const m = methodologyOf('cli-edit', 'Консольная методика', [{ ...RATING_VALUE, weight }]);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(m));
  return path;
};

describe.each(testDatabases())('munirank methodology versions on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
  });
  afterAll(async () => instance?.dispose());
  const cli = (...args: string[]) => runCli(['methodology', ...args], instance.env);

  it('refuses a weight of −1 naming the field, then saves two versions and picks one per period', async () => {
    const bad = await cli(
      'save',
      'cli-edit',
      fileOf('bad.json', -1),
      '--from',
      '2016-01',
      '--note',
      'x',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Ошибка: /tree/children/0/weight: вес должен быть неотрицательным числом\n',
    );
    const first = await cli(
      'save',
      'cli-edit',
      fileOf('v1.json', 1),
      '--from',
      '2016-01',
      '--note',
      'Первая',
    );
    expect(first.stdout).toBe('Сохранена версия 1 методики «cli-edit», действует с 2016-01.\n');
    await cli('save', 'cli-edit', fileOf('v2.json', 2), '--from', '2017-05', '--note', 'Вес 2');
    const april = JSON.parse((await cli('in-force', 'cli-edit', '--period', '2017-04')).stdout);
    const may = JSON.parse((await cli('in-force', 'cli-edit', '--period', '2017-05-01')).stdout);
    expect([april.version, may.version, may.tree.children[0].weight]).toEqual([1, 2, 2]);
    const list = (await cli('versions', 'cli-edit')).stdout.split('\n');
    expect(list[0]).toMatch(/^версия 2 \(действует сейчас\)\tс 2017-05\tВес 2\tCLI \(.+\)$/);
    expect(list[1]).toMatch(/^версия 1\tс 2016-01\tПервая\tCLI \(.+\)$/);
  });

  it('computes the next rating under a newly saved version while the published one still verifies', async () => {
    const db = instance.handle.db;
    const app = await buildApp({ db, regionCode: 'orenburg' });
    try {
      const headers = (await openFixtureSession(db, (await createFixtureUser(db, 'analyst')).id))
        .headers;
      const compute = async (code: string) => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/ratings',
          headers,
          payload: {
            code,
            title: code,
            period: '2016-03-01',
            asOf: '2016-04-01',
            methodology: { code: 'cli-edit' },
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json().methodology.version;
      };
      expect(await compute('cli-edit-before')).toBe('1');
      const published = await app.inject({
        method: 'POST',
        url: '/api/ratings/cli-edit-before/publish',
        headers,
        payload: {},
      });
      expect(published.statusCode, published.body).toBe(200);

      await cli('save', 'cli-edit', fileOf('v3.json', 3), '--from', '2016-03', '--note', 'Вес 3');
      expect(await compute('cli-edit-after')).toBe('3');

      const bundle = join(dir, 'before.json');
      writeFileSync(
        bundle,
        (await app.inject({ url: '/api/snapshots/cli-edit-before/download' })).rawPayload,
      );
      const verify = await runCli(['verify', bundle], instance.env);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    } finally {
      await app.close();
    }
  });
});
