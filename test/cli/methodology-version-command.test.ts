import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
