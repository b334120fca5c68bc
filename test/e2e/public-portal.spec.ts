import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { DEMO_BOUNDARIES } from '../../src/server/features/boundaries/demo-boundaries.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';

const code = `e2e-portal-${Date.now().toString(36)}`;
const METHODOLOGY = methodologyOf('e2e-portal', 'Проверочная методика портала', [
  RATING_VALUE,
  ESIA_PER_1000,
]);

// A computed rating dated after every other, so that the landing page shows it.
test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const login = await api.post('/api/session/login', {
    data: { username: 'demo-analyst', password: DEMO_PASSWORD },
  });
  const headers = { 'x-csrf-token': (await login.json()).csrfToken };
  const computed = await api.post('/api/ratings', {
    headers,
    data: {
      code,
      title: 'Рейтинг портала',
      period: '2016-03-01',
      asOf: '2030-01-01',
      methodology: METHODOLOGY,
    },
  });
  expect(computed.status()).toBe(201);
  expect((await api.post(`/api/ratings/${code}/publish`, { headers, data: {} })).status()).toBe(
    200,
  );
  await api.dispose();
});

/** How wide the page's content is: wider than the window means a sideways scroll. */
const pageWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );

const visibleRows = (page: Page) => page.locator('[data-testid="rating-row"]:visible');

test('a visitor filters, finds «Грачёвский» typing «грачевский», reads the profile, the map and the methodology', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Рейтинг портала — рейтинг ОМСУ');
  const all = await visibleRows(page).count();
  await page.getByLabel('Вид ОМСУ').selectOption('city_okrug');
  const okrugs = await visibleRows(page).count();
  expect(okrugs).toBeGreaterThan(0);
  expect(okrugs).toBeLessThan(all);
  await expect(
    page.locator('[data-testid="rating-row"][data-kind="city_okrug"]:visible'),
  ).toHaveCount(okrugs);
  await page.getByLabel('Вид ОМСУ').selectOption('');
  await page.getByLabel('Поиск по названию').fill('грачевский');
  await expect(visibleRows(page)).toHaveCount(1);
  await expect(page.getByRole('status')).toHaveText('Показано ОМСУ: 1');
  // Sorting by name puts the rows in Russian alphabetical order.
  await page.getByLabel('Поиск по названию').fill('');
  await page.getByRole('button', { name: 'ОМСУ' }).click();
  await expect(page.getByRole('columnheader', { name: 'ОМСУ' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const names = await visibleRows(page).locator('th').allInnerTexts();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
  await page.getByLabel('Поиск по названию').fill('грачевский');
  await visibleRows(page).getByRole('link', { name: 'Грачёвский район' }).click();

  await expect(page).toHaveURL('/municipalities/grachevskiy-district');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Грачёвский район');
  await expect(page.locator('[data-chart="history-data"]')).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('history-table')).toContainText('Рейтинг портала');
  await expect(page.getByTestId('contributions')).toContainText(
    'Регистрации в ЕСИА на 1000 жителей',
  );
  await expect(page.getByTestId('move-up-summary')).toContainText('Чтобы обойти');

  await page.goto(`/map/${code}`);
  if (existsSync(DEMO_BOUNDARIES)) {
    await expect(page.getByTestId('map-attribution')).toContainText('OpenStreetMap');
    const map = page.locator('[data-chart="map-data"]');
    await expect(map).toHaveAttribute('data-drawn', 'true');
    await expect(map.locator('path').first()).toBeVisible();
    const box = await map.boundingBox();
    if (!box) throw new Error('the map has no box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(/\/municipalities\/[a-z0-9-]+$/);
  } else {
    await expect(page.getByTestId('map-table')).toContainText('Грачёвский район');
  }

  await page.goto(`/rating/${code}`);
  await page.getByRole('link', { name: 'Методика расчёта' }).click();
  await expect(page).toHaveURL('/methodology/e2e-portal');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Проверочная методика портала');
  await expect(page.getByTestId('methodology-tree')).toContainText('Значение рейтинга — 50,0 %');
});

test('the downloads open as Russian Excel expects, and munirank verify accepts the bundle', async ({
  page,
}) => {
  await page.goto(`/rating/${code}`);
  const dir = mkdtempSync(join(tmpdir(), 'munirank-portal-'));
  const save = async (name: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name, exact: true }).click();
    const file = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    return file;
  };
  const csv = readFileSync(await save('CSV'));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString('utf8')).toContain(
    ';Грачёвский район;grachevskiy-district;муниципальный район;',
  );
  const xlsx = readFileSync(await save('XLSX'));
  expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  const bundle = await save('JSON для проверки');
  const verify = spawnSync(process.execPath, ['bin/munirank.js', 'verify', bundle], {
    encoding: 'utf8',
  });
  expect(verify.status, verify.stdout + verify.stderr).toBe(0);
});

test('every public page passes axe-core without serious or critical violations', async ({
  page,
}) => {
  for (const url of [
    '/',
    `/rating/${code}`,
    '/municipalities/grachevskiy-district',
    '/methodology/e2e-portal',
    '/errata',
    '/open-data',
    `/map/${code}`,
  ]) {
    await page.goto(url);
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${url}: ${v.id} ${v.help}`)).toEqual([]);
  }
});

test('with JavaScript off the table, a profile and the methodology are all there; a phone needs no sideways scroll', async ({
  browser,
}) => {
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 375, height: 800 },
  });
  const page = await context.newPage();
  await page.goto(`/rating/${code}?q=${encodeURIComponent('грачевский')}`);
  await expect(page.getByTestId('rating-row')).toHaveCount(1);
  await page.goto('/rating/orenburg-2016-03-table1');
  await expect(page.getByTestId('rating-row')).toHaveCount(41);
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  await page.goto('/municipalities/grachevskiy-district');
  await expect(page.getByTestId('contributions')).toBeVisible();
  await expect(page.getByTestId('history-table')).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  await page.goto('/methodology/e2e-portal');
  await expect(page.getByTestId('methodology-tree')).toContainText(
    'Регистрации в ЕСИА на 1000 жителей',
  );
  await context.close();
});
