import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

// A small index of our own in COINr's layout (as R's write.csv writes it): iData with uCode,
// uName, Time, a text group column, a denominator, NAs and scientific notation; iMeta with
// Level, Parent, Weight, Direction, Type.
const FIXTURE = (name: string) =>
  new URL(`../fixtures/coinr-mini/${name}`, import.meta.url).pathname;
const I_DATA = FIXTURE('iData.csv');
const I_META = FIXTURE('iMeta.csv');
let dir: string;

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-coinr-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('COINr iData and iMeta', () => {
  it('computes the index with COINr defaults: min-max 0…100, arithmetic means', async () => {
    const r = await runCli(['compute', '--data', I_DATA, '--methodology', I_META], {});
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'code,name,Index,Infra,broadband,towers,Services,eserv,wait,rank,group,group_rank',
    );
    // broadband 2e+02, 4e+02, NA, 3e+02 → 0, 100, —, 50; towers 3, NA, 1, 5 → 50, —, 0, 100;
    // eserv 5e+01, 7e+01, 9e+01, NA → 0, 50, 100, —; wait (lower is better) 10, 5, 25, 15 →
    // (25 − 10)/20 = 75, 100, 0, 50. Infra = mean of what is there: A 25, B 100, C 0, D 75.
    // Services = (2·eserv + wait)/3: A 75/3 = 25, B 200/3, C 200/3, D wait alone = 50.
    // Index = (Infra + Services)/2: A 25, B 83.33, C 33.33, D 62.5 → places B, D, C, A;
    // within size_group: small C 1, A 2; large B 1, D 2.
    expect(lines.slice(1)).toEqual([
      'A,Alpha,25,25,0,50,25,0,75,4,small,2',
      'B,Beta,83.3333333333333,100,100,,66.6666666666667,50,100,1,large,1',
      'C,Gamma,33.3333333333333,0,,0,66.6666666666667,100,0,3,small,1',
      'D,Delta,62.5,75,50,100,50,,50,2,large,2',
    ]);
  });

  it('round trip: a methodology exported as iMeta computes the same scores', async () => {
    // group-mean imputation by the iData's size_group, a formula over the denominator pop.
    const m = {
      code: 'mini',
      version: 2,
      title: 'Мини-индекс',
      effectiveFrom: '2023',
      outputScale: 100,
      tieRule: 'competition',
      missingData: { imputation: 'group-mean', availabilityBasis: 'weight', minAvailability: 0.5 },
      colourThresholds: [],
      tree: {
        kind: 'group',
        code: 'INDEX',
        name: 'Индекс',
        weight: 1,
        aggregation: 'arithmetic',
        children: [
          {
            kind: 'indicator',
            code: 'towers',
            name: 'Вышки',
            weight: 1,
            direction: 1,
            normalisation: { method: 'min-max' },
          },
          {
            kind: 'indicator',
            code: 'eserv',
            name: 'Услуги',
            weight: 1,
            direction: 1,
            normalisation: { method: 'min-max' },
          },
          {
            kind: 'indicator',
            code: 'towers_per_100k',
            name: 'Вышки на 100 тыс.',
            weight: 0,
            direction: 1,
            normalisation: { method: 'min-max' },
            formula: 'towers / pop * 100000',
          },
        ],
      },
    };
    const json = join(dir, 'mini.json');
    writeFileSync(json, JSON.stringify(m));
    const iMeta = join(dir, 'mini-iMeta.csv');
    const exported = await runCli(
      ['methodology', 'export', json, '--format', 'coinr', '--output', iMeta],
      {},
    );
    expect(exported.code).toBe(0);
    const script = readFileSync(join(dir, 'mini-iMeta.R'), 'utf8');
    expect(script).toContain('#   towers: n_minmax, l_u = c(0, 100)');
    expect(script).toContain('#   INDEX: a_amean');
    expect(readFileSync(iMeta, 'utf8')).toContain('"pop","pop",NA,NA,NA,NA,"Denominator"');

    const fromJson = await runCli(['compute', '--data', I_DATA, '--methodology', json], {});
    const fromIMeta = await runCli(['compute', '--data', I_DATA, '--methodology', iMeta], {});
    expect(fromJson.code).toBe(0);
    expect(fromIMeta.stdout).toBe(fromJson.stdout);
    // towers: B imputed by the large group's mean (D: 5) → 3, 5, 1, 5 → 50, 100, 0, 100;
    // eserv: D by B's 70 → 50, 70, 90, 70 → 0, 50, 100, 50; INDEX: 25, 75, 50, 75.
    // towers_per_100k: 3/12 000, —, 1/8 000, 5/250 000 ·100 000 = 25, (B: D's 2), 12.5, 2
    // → A 100, B 0, D 0.
    const rows = fromJson.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4], r[6], r[7], r[8]])).toEqual([
      ['A', '25', '50', '0', '4', 'small', '2'],
      ['B', '75', '100', '50', '1', 'large', '1'],
      ['C', '50', '0', '100', '3', 'small', '1'],
      ['D', '75', '100', '50', '1', 'large', '1'],
    ]);
    expect(rows.map((r) => Number(r[5]))).toEqual([
      100,
      0,
      expect.closeTo((10.5 / 23) * 100, 10),
      0,
    ]);
  });

  it('rates the latest Time and fills gaps from the earlier periods', async () => {
    const data = join(dir, 'panel.csv');
    writeFileSync(
      data,
      '"uCode","Time","x"\n"A",2022,4\n"B",2022,2\n"A",2023,NA\n"B",2023,6\n"C",2023,1\n',
    );
    const m = join(dir, 'panel.json');
    writeFileSync(
      m,
      JSON.stringify({
        code: 'panel',
        version: 1,
        title: 'Панель',
        effectiveFrom: '2023',
        outputScale: 100,
        tieRule: 'competition',
        missingData: {
          imputation: 'last-observation',
          availabilityBasis: 'weight',
          minAvailability: 0.5,
        },
        colourThresholds: [],
        tree: {
          kind: 'group',
          code: 'INDEX',
          name: 'Индекс',
          weight: 1,
          aggregation: 'arithmetic',
          children: [
            {
              kind: 'indicator',
              code: 'x',
              name: 'x',
              weight: 1,
              direction: 1,
              normalisation: { method: 'min-max' },
            },
          ],
        },
      }),
    );
    const r = await runCli(['compute', '--data', data, '--methodology', m], {});
    // 2023: A's NA takes 2022's 4; x = 4, 6, 1 → (4 − 1)/5 = 60, 100, 0
    expect(r.stdout.trim().split('\n')).toEqual([
      'code,name,INDEX,x,rank',
      'A,A,60,60,2',
      'B,B,100,100,1',
      'C,C,0,0,3',
    ]);
  });

  it('names file, row and column of a broken iMeta and writes nothing', async () => {
    const bad = join(dir, 'bad-iMeta.csv');
    writeFileSync(
      bad,
      '"iCode","Level","Parent","Direction","Weight","Type"\n"x",1,"Index",2,1,"Indicator"\n"Index",2,NA,1,1,"Aggregate"\n',
    );
    const out = join(dir, 'never.csv');
    const r = await runCli(
      ['compute', '--data', I_DATA, '--methodology', bad, '--output', out],
      {},
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Ошибка: ${bad}, строка 2, графа «Direction»: ожидается 1 или -1\n`);
    expect(existsSync(out)).toBe(false);
  });
});
