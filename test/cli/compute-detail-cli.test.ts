import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DETAIL_DATA, DETAIL_INDEX } from '../support/detail-index.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

let dir: string;
let data: string;
let methodology: string;

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-detail-'));
  data = join(dir, 'data.csv');
  writeFileSync(data, DETAIL_DATA);
  methodology = join(dir, 'm.json');
  writeFileSync(methodology, JSON.stringify(DETAIL_INDEX));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const detail = (name: string) =>
  runCli(['compute', '--data', data, '--methodology', methodology, '--detail', name], {});

describe('munirank compute --detail', () => {
  it('weights: share of the parent and effective weight of every node', async () => {
    const r = await detail('weights');
    expect(r.code).toBe(0);
    // D1 2/3, z 1/3; x 1/4 of D1 = 1/6, y 3/4 of D1 = 1/2
    expect(r.stdout.trim().split('\n')).toEqual([
      'code,name,kind,parent,level,weight,share,effective_weight',
      'INDEX,Индекс,group,,0,,1,1',
      'D1,Направление,group,INDEX,1,2,0.666666666666667,0.666666666666667',
      'x,x,indicator,D1,2,1,0.25,0.166666666666667',
      'y,y,indicator,D1,2,3,0.75,0.5',
      'z,z,indicator,INDEX,1,1,0.333333333333333,0.333333333333333',
    ]);
  });

  it('treatment: skewness and kurtosis before and after, the point winsorised', async () => {
    const r = await detail('treatment');
    const [header, x, y] = r.stdout.trim().split('\n');
    expect(header).toBe(
      'indicator,status,skewness_before,kurtosis_before,skewness_after,kurtosis_after,winsorised,winsorised_units,log_transform',
    );
    // Bias-corrected skewness/kurtosis of 1…10, 30, 100 (scipy, bias=False): 3.06324103423950
    // and 9.74139083456914; 100 → 30 brings the skewness to 1.71203806008905 (< 2: passes).
    const cells = (x ?? '').split(',');
    expect(cells.slice(0, 2)).toEqual(['x', 'winsorised']);
    expect(Number(cells[2])).toBeCloseTo(3.0632410342394993, 12);
    expect(Number(cells[3])).toBeCloseTo(9.741390834569144, 12);
    expect(Number(cells[4])).toBeCloseTo(1.7120380600890506, 12);
    expect(cells.slice(6)).toEqual(['1', 'u12:100→30', '']);
    expect(y).toBe('y,none,,,,,0,,');
  });

  it('treated and normalised values of every unit', async () => {
    const treated = (await detail('treated')).stdout.trim().split('\n');
    expect(treated[12]).toBe('u12,u12,30,,60');
    const normalised = (await detail('normalised')).stdout.trim().split('\n');
    // x after treatment runs 1…30: u2 (2 − 1)/29·100 = 3.44827586206897
    expect(normalised[2]).toBe('u2,u2,3.44827586206897,50,10');
    expect(normalised[12]).toBe('u12,u12,100,,60');
  });

  it('aggregates: scores, places and availability of the dimensions and the index', async () => {
    const lines = (await detail('aggregates')).stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'code,name,INDEX,INDEX_rank,INDEX_availability,D1,D1_rank,D1_availability',
    );
    // u1: D1 = (1·0 + 3·50)/4 = 37.5; INDEX = (2·37.5 + 5)/3 = 26.6666666666667, last of 12
    expect(lines[1]).toBe('u1,u1,26.6666666666667,12,1,37.5,12,1');
    // u12: y missing, D1 = x alone = 100 (a quarter of D1's weight, above 0.2);
    // INDEX = (2·100 + 60)/3 = 86.6666666666667, first
    expect(lines[12]).toBe('u12,u12,86.6666666666667,1,1,100,1,0.25');
  });

  it('all: one JSON, with each unit’s effective indicator weights', async () => {
    const r = await detail('all');
    const all = JSON.parse(r.stdout) as {
      unitWeights: Record<string, number | string>[];
      imputedUnits: Record<string, string[]>;
      weights: unknown[];
    };
    expect(all.weights).toHaveLength(5);
    // u1: 1/6, 1/2, 1/3; u12 lacks y, so x carries all of D1's 2/3
    expect(all.unitWeights[0]).toEqual({ code: 'u1', x: 1 / 6, y: 0.5, z: 1 / 3 });
    expect(all.unitWeights[11]).toEqual({ code: 'u12', x: 2 / 3, y: 0, z: 1 / 3 });
    expect(all.imputedUnits).toEqual({ x: [], y: [], z: [] });
  });
});
