import { expect, test } from '@playwright/test';

test('the rating page reproduces Table 1 with the seed values', async ({ page }) => {
  await page.goto('/rating/orenburg-2016-03-table1');
  const rows = page.getByTestId('rating-row');
  await expect(rows).toHaveCount(41);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('as-of')).toContainText('01.03.2016');
  await expect(page.getByTestId('source')).toContainText('Таблица №1');
  const cells = async (i: number) =>
    (await rows.nth(i).locator('td, th').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  expect(await cells(0)).toEqual(['1', 'Соль-Илецкий городской округ', '0,574', '34,71']);
  expect(await cells(8)).toEqual(['9', 'Первомайский район', '0,272', '11,98']);
  expect(await cells(39)).toEqual(['40', 'г.Бузулук', '0,070', '24,91']);
  expect(await cells(40)).toEqual(['41', 'Абдулинский городской округ', '0,053', '10,60']);
  await expect(page.locator('table b')).toHaveCount(0);
});

test('the plan page computes Table 2 and shows printed figures that differ', async ({ page }) => {
  await page.goto('/plan');
  const rows = page.getByTestId('plan-row');
  await expect(rows).toHaveCount(4);
  const gai = rows.nth(2);
  await expect(gai).toContainText('Гайский городской округ');
  const jan = gai.locator('[data-figure="month_percent:2017-01"]');
  await expect(jan).toHaveAttribute('data-agreement', 'differs');
  await expect(jan).toContainText('524,74');
  await expect(jan).toContainText('524,81');
  const buzuluk = rows.nth(0);
  await expect(buzuluk.locator('[data-figure="month_percent:2017-01"]')).toHaveAttribute(
    'data-agreement',
    'match',
  );
  await expect(buzuluk.locator('[data-figure="month_percent:2017-01"]')).toContainText('178,60');
  await expect(page.getByTestId('plan-warning').first()).toContainText('10 176');
  // The seed's column order: … target for the year and percentages, total, population, share.
  const headers = (await page.locator('[data-testid="plan-table"] thead th').allInnerTexts()).map(
    (t) => t.replace(/\s+/g, ' ').trim(),
  );
  expect(headers.slice(0, 5)).toEqual([
    'Наименование ОМСУ',
    'Регистраций на начало 2017 года',
    'Регистраций за январь 2017',
    'Регистраций за февраль 2017',
    'Целевой показатель на конец 2017 года',
  ]);
  expect(headers.slice(-3)).toEqual([
    'Всего регистраций на 01.03.2017',
    'Численность населения МО',
    '% зарегистрированных граждан от численности населения МО',
  ]);
});

test('markup in data is shown as text, never rendered', async ({ page }) => {
  await page.goto('/rating/markup-test');
  const row = page.getByTestId('rating-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('<b>Жирный</b> <script>window.__pwned = 1</script>');
  await expect(page.getByText('<a href="javascript:alert(1)">ссылка</a>')).toBeVisible();
  await expect(page.locator('main b, main script, main img, main u')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
});
