import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../src/db/content-hash.js';
import { packColumn, unpackColumn } from '../../src/db/packed-column.js';
import { canonicalJson } from '../../src/domain/canonical-json.js';
import type { RatingSnapshotContent } from '../../src/domain/rating-snapshot.js';
import { readSnapshotContent } from '../../src/server/features/rating/stored-snapshot-content.js';
import { DETAIL_DATA, DETAIL_INDEX } from '../support/detail-index.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

let dir: string;
let snapshot: string;

interface Bundle {
  format: string;
  code: string;
  period: string;
  asOf: string;
  publishedAt: string | null;
  methodology: { code: string; version: string; contentHash: string };
  contentHash: string;
  content: {
    rows?: { municipalityCode: string }[];
    computation: {
      format: string;
      inputs: { values: Record<string, string> };
      explanations: { overtakes: (number | null)[] };
    };
  };
}

beforeAll(async () => {
  assertCliBuilt();
  dir = mkdtempSync(join(tmpdir(), 'munirank-snapshot-'));
  const data = join(dir, 'data.csv');
  writeFileSync(data, DETAIL_DATA);
  const m = join(dir, 'm.json');
  writeFileSync(m, JSON.stringify(DETAIL_INDEX));
  snapshot = join(dir, 'snapshot.json');
  const r = await runCli(
    [
      'compute',
      '--data',
      data,
      '--methodology',
      m,
      '--snapshot',
      snapshot,
      '--as-of',
      '2024-12-31',
    ],
    {},
  );
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = () => JSON.parse(readFileSync(snapshot, 'utf8')) as Bundle;

describe('munirank compute --snapshot', () => {
  it('writes the bundle a published snapshot downloads as, and verify confirms it', async () => {
    const bundle = read();
    expect(bundle).toMatchObject({
      format: 'munirank-snapshot/1',
      code: 'detail-v1',
      period: '2024',
      asOf: '2024-12-31',
      publishedAt: null,
      methodology: {
        code: 'detail',
        version: '1',
        contentHash: contentHash(canonicalJson(DETAIL_INDEX)),
      },
    });
    expect(bundle.contentHash).toBe(contentHash(canonicalJson(bundle.content)));
    // u12 first: (2·100 + 60)/3 = 86.67 against at most (2·(3·50 + 100)/4 + 55)/3 for u11
    expect(
      readSnapshotContent(bundle.content as unknown as RatingSnapshotContent).rows[0]
        ?.municipalityCode,
    ).toBe('u12');
    // Explanations as columns, numeric columns packed (format /3): u12 leads, so it has no
    // unit to overtake; the table's rows follow from the computation and are not stored.
    expect(bundle.content.computation.format).toBe('munirank-computation/3');
    expect(bundle.content.rows).toBeUndefined();
    expect(unpackColumn(bundle.content.computation.inputs.values.x as string)[4]).toBe(5);
    expect(bundle.content.computation.explanations.overtakes).toHaveLength(12);
    expect(bundle.content.computation.explanations.overtakes[11]).toBeNull();
    const r = await runCli(['verify', snapshot], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Снимок «detail-v1» подтверждён/);
  });

  it('after one raw input is changed, verify names that input first and counts everything', async () => {
    const bundle = read();
    // u5's x from 5 to 0.5: a new minimum of x, so every unit's x score and index move.
    const x = unpackColumn(bundle.content.computation.inputs.values.x as string);
    x[4] = 0.5;
    bundle.content.computation.inputs.values.x = packColumn(x);
    const changed = join(dir, 'changed.json');
    writeFileSync(changed, JSON.stringify(bundle));
    const r = await runCli(['verify', changed], {});
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    const total = Number(/расхождений: (\d+)/.exec(lines[0] ?? '')?.[1]);
    expect(lines[1]).toBe('Исходные данные и методика (значения, веса, параметры) — 1:');
    expect(lines[2]).toBe(
      '  /indicators/0/raw/4 — исходное значение «x», ОМСУ «u5»: в снимке 5, при пересчёте 0.5',
    );
    // The true count is the sum of the sections, over the 20 lines shown per section.
    const sections = [...r.stdout.matchAll(/^\S.* — (\d+):$/gm)].map((m) => Number(m[1]));
    expect(sections.reduce((s, n) => s + n, 0)).toBe(total);
    expect(total).toBeGreaterThan(50);
    expect(r.stdout).toMatch(/^ {2}… и ещё \d+$/m);
    // The content's checksum no longer matches either: named last, as a consequence.
    expect(lines.at(-1)).toMatch(/^ {2}контрольная сумма содержимого /);
  });
});
