import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const METHODOLOGY_2022 = new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url)
  .pathname;
let dir: string;
let sedOnly: string;

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
};

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-simulate-'));
  // A proposed methodology: the 2022 one with the СЭД dimension alone.
  const m = JSON.parse(readFileSync(METHODOLOGY_2022, 'utf8'));
  sedOnly = file(
    'sed-only.json',
    JSON.stringify({
      ...m,
      code: 'sed-only',
      title: 'Только СЭД',
      tree: { ...m.tree, children: [m.tree.children[0]] },
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Illustrative values (as in rating-commands.test.ts).
const DATA = `код;наименование;sed_signed_share;sed_active_staff_share;pos_level;epgu_mass_services_share
buzulukskiy-district;Бузулукский район;80;70;94,1;93,7
komarovsky-zato;ЗАТО Комаровский;99,1;98,4;60;70
saraktashskiy-district;Саракташский район;96,5;80;75;80
ilekskiy-district;Илекский район;70;60;—;65
`;

describe('munirank simulate', () => {
  it('prints each unit’s place under both methodologies and the shift', async () => {
    const data = file('data.csv', DATA);
    const r = await runCli(
      ['simulate', '--data', data, '--methodology', sedOnly, '--against', METHODOLOGY_2022],
      {},
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // 2022: indices 87.6, 76.25, 81.083…, 65 (ПОС missing: mean of the other two) → 1, 3, 2, 4.
    // СЭД alone: 75, 98.75, 88.25, 65 → 3, 1, 2, 4.
    expect(r.stdout.trim().split('\n')).toEqual([
      'code,name,rank_before,rank_after,shift,score_before,score_after',
      'buzulukskiy-district,Бузулукский район,1,3,-2,87.6,75',
      'komarovsky-zato,ЗАТО Комаровский,3,1,2,76.25,98.75',
      // 243.25 / 3 = 81.08333…: fifteen significant digits, the noise of doubles left out.
      'saraktashskiy-district,Саракташский район,2,2,0,81.0833333333333,88.25',
      'ilekskiy-district,Илекский район,4,4,0,65,65',
    ]);
  });

  it('writes JSON naming both methodologies', async () => {
    const data = file('data.csv', DATA);
    const r = await runCli(
      [
        'simulate',
        '--data',
        data,
        '--methodology',
        sedOnly,
        '--against',
        METHODOLOGY_2022,
        '--format',
        'json',
      ],
      {},
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.before).toMatchObject({ code: 'orenburg-digital-annual', version: 1 });
    expect(json.after).toMatchObject({ code: 'sed-only', version: 1 });
    expect(json.units[1]).toMatchObject({
      code: 'komarovsky-zato',
      rankBefore: 3,
      rankAfter: 1,
      shift: 2,
    });
  });

  it('names a column that either methodology reads and the data file lacks', async () => {
    const short = file('short.csv', 'код;sed_signed_share;sed_active_staff_share\nu1;5;6\n');
    const r = await runCli(
      ['simulate', '--data', short, '--methodology', sedOnly, '--against', METHODOLOGY_2022],
      {},
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'short.csv, строка 1: нет графы «pos_level», которую читает методика',
    );
  });
});
