import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const METHODOLOGY_2022 = new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url)
  .pathname;
let dir: string;

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-formats-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

describe('numbers as tools write them', () => {
  it('reads scientific notation and R/spreadsheet missing marks', async () => {
    // The figures of rating-commands.test.ts written as R and Excel write them:
    // 8e+01 = 80, 7.0E1 = 70, 9.41e1 = 94.1; NA, #N/A, N/A and н/д are missing.
    const data = file(
      'r-style.csv',
      `code,name,sed_signed_share,sed_active_staff_share,pos_level,epgu_mass_services_share
buzulukskiy-district,Бузулукский район,8e+01,7.0E1,9.41e1,93.7
ilekskiy-district,Илекский район,70,60,NA,65
orskiy,Орск,#N/A,N/A,н/д,"6,5E1"
`,
    );
    const r = await runCli(['compute', '--data', data, '--methodology', METHODOLOGY_2022], {});
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // SED (80 + 70)/2 = 75; index (75 + 94.1 + 93.7)/3 = 87.6
    expect(lines[1]).toBe('buzulukskiy-district,Бузулукский район,87.6,75,80,70,94.1,93.7,1');
    // pos_level missing: index over SED 65 and ЕПГУ 65 = 65
    expect(lines[2]).toBe('ilekskiy-district,Илекский район,65,65,70,60,,65,2');
    // Only ЕПГУ (6.5E1 = 65) is present: a third of the weight, below the 50 % rule
    expect(lines[3]).toMatch(/^orskiy,Орск,,,,,,65,$/);
  });
});

describe('methodology JSON errors', () => {
  it('names line and column and shows the line', async () => {
    const broken = file('broken.json', '{\n  "code": "x",\n  "version": 1\n  "title": "t"\n}\n');
    const data = file('d.csv', 'code,a\nu1,1\n');
    const r = await runCli(['compute', '--data', data, '--methodology', broken], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Ошибка: ${broken}, строка 4: не JSON, столбец 3: ожидалась «,» или «}»\n` +
        '      "title": "t"\n' +
        '      ^\n',
    );
  });
});
