import { once } from 'node:events';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { assertCliBuilt, runCli, startCli } from '../support/run-cli.js';

const TABLES = [
  'region',
  'municipality',
  'observation',
  'rating_snapshot',
  'plan_target',
  'printed_figure',
  'app_setting',
];

beforeAll(assertCliBuilt);

describe.each(testDatabases())('demo load killed with SIGKILL on $name', (kind) => {
  it('leaves no half-loaded state, and the next start loads it completely', async () => {
    const instance = await kind.create({ migrate: true });
    const counts = async () =>
      Promise.all(
        TABLES.map(async (t) => {
          const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(
            instance.handle.db,
          );
          return Number(r.rows[0]?.n);
        }),
      );
    try {
      // Slow the load down so that the kill lands while its transaction is open.
      const child = startCli(['demo', 'load'], {
        ...instance.env,
        MUNIRANK_DEMO_STEP_DELAY_MS: '2000',
      });
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout?.on('data', (d) => {
          output += d;
          if (output.includes('показатели:')) resolve();
        });
        child.on('exit', () => reject(new Error(`CLI ended before the kill: ${output}`)));
      });
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(output).not.toContain('загружены');
      expect(await counts()).toEqual([0, 0, 0, 0, 0, 0, 0]);

      // 99 observations: Table 1 (41 × 2), the 2022 figures (5), Table 2 (4 × 3).
      const again = await runCli(['demo', 'load'], instance.env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Демо-данные «Оренбургская область» загружены.');
      expect(await counts()).toEqual([1, 42, 99, 2, 4, 20, 1]);

      const third = await runCli(['demo', 'load'], instance.env);
      expect(third.stdout).toContain('уже загружены, ничего не изменено');
      expect(await counts()).toEqual([1, 42, 99, 2, 4, 20, 1]);
    } finally {
      await instance.dispose();
    }
  });
});
