import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/db/content-hash.js';
import { packColumn, unpackColumn } from '../../src/db/packed-column.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import { computeRating } from '../../src/engine/compute-rating.js';
import { validateMethodology } from '../../src/engine/validate-methodology.js';
import { buildSnapshotContent } from '../../src/server/features/rating/build-snapshot-content.js';
import { storedSnapshotText } from '../../src/server/features/rating/stored-snapshot-content.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const METHODOLOGY_2022 = new URL('../../methodologies/orenburg-annual-2022.json', import.meta.url)
  .pathname;
let dir: string;

beforeAll(() => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

// Illustrative values; Бузулукский район's ЕПГУ and ПОС figures are the published ones.
const SEMICOLON = `\uFEFFкод;наименование;sed_signed_share;sed_active_staff_share;pos_level;epgu_mass_services_share
buzulukskiy-district;Бузулукский район;80;70;94,1;93,7
komarovsky-zato;ЗАТО Комаровский;99,1;98,4;60;70
saraktashskiy-district;Саракташский район;96,5;80;75;80
ilekskiy-district;Илекский район;70;60;—;65
`;
const COMMA = `code,name,sed_signed_share,sed_active_staff_share,pos_level,epgu_mass_services_share
buzulukskiy-district,"Бузулукский район",80,70,"94,1",93.7
komarovsky-zato,"ЗАТО Комаровский",99.1,98.4,60,70
saraktashskiy-district,"Саракташский район","96,5",80,75,80
ilekskiy-district,"Илекский район",70,60,,65
`;

describe('munirank compute', () => {
  it.each([
    ['semicolon with decimal commas', SEMICOLON],
    ['comma with quoted decimal commas', COMMA],
  ])('scores every node and ranks (%s)', async (_, text) => {
    const data = file(`data-${text.length}.csv`, text);
    const r = await runCli(['compute', '--data', data, '--methodology', METHODOLOGY_2022], {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'code,name,INDEX,SED,sed_signed_share,sed_active_staff_share,pos_level,epgu_mass_services_share,rank',
    );
    // SED (80 + 70)/2 = 75; index (75 + 94.1 + 93.7)/3 = 87.6, written without the noise
    // of doubles (87.60000000000001)
    expect(lines[1]).toBe('buzulukskiy-district,Бузулукский район,87.6,75,80,70,94.1,93.7,1');
    expect(lines[4]).toBe('ilekskiy-district,Илекский район,65,65,70,60,,65,4');
  });

  it('writes CSV for Russian Excel on request: «;», decimal commas, a BOM', async () => {
    const data = file('excel.csv', SEMICOLON);
    const r = await runCli(
      ['compute', '--data', data, '--methodology', METHODOLOGY_2022, '--excel'],
      {},
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFcode;name;INDEX;SED;sed_signed_share;sed_active_staff_share;pos_level;epgu_mass_services_share;rank',
    );
    expect(lines[1]).toBe('buzulukskiy-district;Бузулукский район;87,6;75;80;70;94,1;93,7;1');
    // ЗАТО Комаровский: SED (99.1 + 98.4)/2 = 98.75; index (98.75 + 60 + 70)/3 = 76.25
    expect(lines[2]).toBe('komarovsky-zato;ЗАТО Комаровский;76,25;98,75;99,1;98,4;60;70;3');
  });

  it('derives ЕСИА per 1,000 residents in the 2016 methodology (Table 2 figures)', async () => {
    // esia_total and population: Table 2 of the 2017 справка; ИС СОУ counts illustrative
    const data = file(
      'monthly.csv',
      `код;наименование;sou_applications;sou_interagency_requests;esia_total;population
buzuluk-city;г.Бузулук;120;300;10176;85 199
buzulukskiy-district;Бузулукский район;40;90;887;30 589
gayskiy-go;Гайский городской округ;200;150;7872;46104
ilekskiy-district;Илекский район;60;75;2938;24 436
`,
    );
    const monthly = METHODOLOGY_2022.replace('orenburg-annual-2022', 'orenburg-monthly-2016');
    const r = await runCli(
      ['compute', '--data', data, '--methodology', monthly, '--format', 'json'],
      {},
    );
    expect(r.code).toBe(0);
    const units = JSON.parse(r.stdout).units;
    // per 1,000: 119.44, 29.00, 170.74 (the maximum), 120.23 → fraction of max
    expect(units[2].scores.esia_per_1000).toBe(1);
    expect(units[0].scores.esia_per_1000).toBeCloseTo(10176 / 85199 / (7872 / 46104), 12);
    // ИС СОУ: (120/200 + 300/300)/2 = .8; index (2·.8 + .6995)/3 on 0..1
    expect(units[0].scores.SOU).toBeCloseTo(0.8, 12);
    expect(units.map((u: { rank: number }) => u.rank)).toEqual([2, 4, 1, 3]);
  });

  it('places units within population groups when the methodology groups them', async () => {
    const grouped = JSON.parse(readFileSync(METHODOLOGY_2022, 'utf8'));
    grouped.grouping = {
      title: 'Группа по численности населения',
      reference: 'population',
      bands: [
        { from: 0, label: 'до 30 тыс.' },
        { from: 30_000, label: '30 тыс. и больше' },
      ],
    };
    const m = file('grouped.json', JSON.stringify(grouped));
    // Populations of Table 2 (Бузулукский, Илекский); ЗАТО and Саракташский illustrative.
    const data = file(
      'grouped.csv',
      SEMICOLON.replace('epgu_mass_services_share\n', 'epgu_mass_services_share;population\n')
        .replace('93,7\n', '93,7;30 589\n')
        .replace(';70\nsaraktashskiy', ';70;8 000\nsaraktashskiy')
        .replace(';80\nilekskiy', ';80;37 500\nilekskiy')
        .replace(';65\n', ';65;24 436\n'),
    );
    const r = await runCli(['compute', '--data', data, '--methodology', m], {});
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]?.endsWith(',rank,group,group_rank')).toBe(true);
    // Places 1, 3, 2, 4 overall; the two of 30 000 and more are 1 and 2 among themselves.
    expect(lines.slice(1).map((l) => l.split(',').slice(-3).join(','))).toEqual([
      '1,30 тыс. и больше,1',
      '3,до 30 тыс.,1',
      '2,30 тыс. и больше,2',
      '4,до 30 тыс.,2',
    ]);
    const withoutPopulation = await runCli(
      ['compute', '--data', file('plain.csv', SEMICOLON), '--methodology', m],
      {},
    );
    expect(withoutPopulation.code).toBe(1);
    expect(withoutPopulation.stderr).toContain(
      'plain.csv, строка 1: нет графы «population», которую читает методика',
    );
  });

  it('writes JSON to a file', async () => {
    const out = join(dir, 'out.json');
    const data = file('data.csv', SEMICOLON);
    const r = await runCli(
      [
        'compute',
        '--data',
        data,
        '--methodology',
        METHODOLOGY_2022,
        '--format',
        'json',
        '--output',
        out,
      ],
      {},
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.methodology).toEqual({ code: 'orenburg-digital-annual', version: 1 });
    expect(json.units[2]).toMatchObject({ code: 'saraktashskiy-district', rank: 2 });
    expect(json.units[2].scores.SED).toBe(88.25);
  });

  it('names file, row and column of a bad number, and the path of a methodology error', async () => {
    const data = file('bad.csv', SEMICOLON.replace('99,1', '99,1x'));
    const r = await runCli(['compute', '--data', data, '--methodology', METHODOLOGY_2022], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv, строка 3, графа «sed_signed_share»: «99,1x» — не число');
    const short = file('short.csv', 'код;sed_signed_share\nu1;5\n');
    const missing = await runCli(
      ['compute', '--data', short, '--methodology', METHODOLOGY_2022],
      {},
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'short.csv, строка 1: нет графы «pos_level», которую читает методика',
    );
    const m = file('m.json', JSON.stringify({ code: 'x' }));
    const bad = await runCli(['compute', '--data', data, '--methodology', m], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('m.json');
  });
});

describe('munirank verify', () => {
  function download(): Record<string, unknown> {
    const checked = validateMethodology(JSON.parse(readFileSync(METHODOLOGY_2022, 'utf8')));
    if (!checked.ok) throw new Error('invalid');
    const data = {
      units: [
        { code: 'a', name: 'А' },
        { code: 'b', name: 'Б' },
      ],
      values: {
        sed_signed_share: [10, 20],
        sed_active_staff_share: [30, 40],
        pos_level: [50, null],
        epgu_mass_services_share: [70, 80.5],
      },
    };
    // what the server stores: canonical JSON of format /3, read back
    const content = JSON.parse(
      storedSnapshotText(
        buildSnapshotContent(checked.methodology, data, computeRating(checked.methodology, data)),
      ),
    );
    return {
      format: 'munirank-snapshot/1',
      code: 'test',
      contentHash: contentHash(canonicalJson(content)),
      content,
    };
  }

  it('confirms an untouched snapshot to the digit', async () => {
    const r = await runCli(['verify', file('ok.json', JSON.stringify(download()))], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Снимок «test» подтверждён: .* \(\d+ чисел\)\.\n$/);
  });

  it('lists every mismatch and exits 1', async () => {
    const snapshot = download() as { content: { computation: { nodes: { scores: string }[] } } };
    const index = snapshot.content.computation.nodes[0] as { scores: string };
    const scores = unpackColumn(index.scores);
    scores[0] = 42;
    index.scores = packColumn(scores);
    const r = await runCli(['verify', file('bad.json', JSON.stringify(snapshot))], {});
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'Снимок «test» НЕ подтверждён, расхождений: 2 (баллы по уровням, от показателей к индексу, ' +
        'и места — 1; контрольные суммы — 1).',
    );
    expect(r.stdout).toContain('контрольная сумма содержимого');
    // index of А: SED (10 + 30)/2 = 20, then (20 + 50 + 70)/3
    expect(r.stdout).toContain(
      `/nodes/0/scores/0 — балл «INDEX», ОМСУ «a»: в снимке 42, при пересчёте ${140 / 3}`,
    );
  });
});

describe('munirank uncertainty', () => {
  it('prints bands with progress; the number of workers does not change them', async () => {
    const data = file('u.csv', SEMICOLON);
    const args = [
      'uncertainty',
      '--data',
      data,
      '--methodology',
      METHODOLOGY_2022,
      '--draws',
      '300',
      '--seed',
      '42',
    ];
    const one = await runCli([...args, '--workers', '1'], {});
    const two = await runCli([...args, '--workers', '2'], {});
    const inline = await runCli([...args, '--workers', '0'], {});
    expect(one.code).toBe(0);
    expect(one.stderr).toContain('Испытания: 300 из 300 (100 %)');
    const [header, ...units] = one.stdout.trim().split('\n');
    expect(header).toBe('code,name,rank,median,p05,p95');
    // Places are whole: the band's ends and the median are places a unit really took.
    for (const line of units) expect(line).toMatch(/,\d+,\d+,\d+,\d+$/);
    expect(two.stdout).toBe(one.stdout);
    expect(inline.stdout).toBe(one.stdout);
  });
});
