import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { MADE_UP_BOUNDARIES } from '../support/boundary-fixtures.js';
import { signIn } from './sign-in.js';

// Runs after public-portal.spec.ts (files run in name order): the map it checks is the demo's,
// which this upload replaces.
test('an administrator uploads boundaries, confirms a spelling, leaves a neighbour out, and the public map shows them', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/users');
  await page
    .getByRole('navigation', { name: 'Администрирование' })
    .getByRole('link', { name: 'Границы для карты' })
    .click();
  await expect(page).toHaveURL('/admin/boundaries');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Границы ОМСУ для карты');

  await page.getByLabel('Файл GeoJSON или TopoJSON (до 50 МБ)').setInputFiles({
    name: 'квадраты.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify(MADE_UP_BOUNDARIES)),
  });
  const preview = page.getByTestId('boundaries-preview');
  await expect(preview).toContainText(
    'Объектов в файле: 4; сопоставлено по названию: 2; требуют решения: 2.',
  );
  const save = page.getByRole('button', { name: 'Сохранить границы' });
  await expect(save).toBeDisabled();
  await page.getByLabel('«Гайский район»').selectOption({ label: 'Гайский городской округ' });
  await page.getByLabel('«Актюбинская область»').selectOption({ label: 'не показывать на карте' });
  await page
    .getByLabel('Источник и лицензия (строка под картой)')
    .fill('Границы: проверочные квадраты');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );
  await save.click();
  await expect(page.getByTestId('boundaries-saved')).toContainText('на карте 3 ОМСУ');
  await expect(page.getByTestId('boundaries-current')).toContainText('квадраты.geojson');
  await expect(page.getByTestId('boundaries-current')).toContainText('Актюбинская область');

  await page.goto('/map/orenburg-2016-03-table1');
  await expect(page.getByTestId('map-attribution')).toHaveText('Границы: проверочные квадраты');
  const map = page.locator('[data-chart="map-data"]');
  await expect(map).toHaveAttribute('data-drawn', 'true');
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no box');
  // Three squares in a row: the middle one is г.Бузулук. A click that lands while the map
  // still animates its first hover is not taken as a click; the visitor clicks again.
  // The tooltip draws inside the SVG: the strict Content-Security-Policy blocks nothing.
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) blocked.push(m.text());
  });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(500);
  expect(blocked).toEqual([]);
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page).toHaveURL('/municipalities/buzuluk-city', { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
});

test('a file that is not boundaries is refused with its name, and nothing changes', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/boundaries');
  await page.getByLabel('Файл GeoJSON или TopoJSON (до 50 МБ)').setInputFiles({
    name: 'таблица.json',
    mimeType: 'application/json',
    buffer: Buffer.from('[1, 2, 3]'),
  });
  await expect(page.getByRole('alert')).toHaveText(
    'Файл «таблица.json» — не GeoJSON (FeatureCollection) и не TopoJSON (Topology): границы не загружены.',
  );
  await expect(page.getByTestId('boundaries-preview')).toHaveCount(0);
});

test('an administrator sets the region’s open data licence and the public pages show it', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/boundaries');
  const form = page.getByTestId('portal-licence-form');
  const field = form.getByLabel('Лицензия');
  await expect(field).toHaveValue(/CC BY 4\.0/);
  await field.fill(' ');
  await form.getByRole('button', { name: 'Сохранить лицензию' }).click();
  await expect(page.getByTestId('portal-licence-message')).toHaveText(
    'Поле «лицензия» пустое: напишите, на каких условиях можно использовать данные.',
  );
  await field.fill('Данные министерства — CC BY 4.0, ссылка на источник обязательна.');
  await form.getByRole('button', { name: 'Сохранить лицензию' }).click();
  await expect(page.getByTestId('portal-licence-message')).toHaveText(
    'Сохранено: портал показывает новую строку о лицензии.',
  );
  await page.goto('/open-data');
  await expect(page.getByTestId('portal-licence')).toContainText(
    'Данные министерства — CC BY 4.0, ссылка на источник обязательна.',
  );
});
