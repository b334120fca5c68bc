import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// Expected values by hand from Table 2 of the 2017 note: г.Бузулук starts 2017 at 7 694 with
// 1 010 in January and 1 105 in February; its economically active population (as the demo
// derives it from the seed's target) is 14 480 / 20 % = 72 400.
test('an analyst sets a plan rule and opens Table 2 for March with its forecast and chart', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await signIn(page, 'demo-analyst');
  // ECharts is not part of what a page other than the plan page loads.
  expect(scripts.filter((u) => /plan-execution-chart/.test(u))).toEqual([]);

  // March arrives through the ordinary import.
  await page.goto('/data/import');
  await page
    .getByTestId('import-text')
    .fill('ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-03\t900\n');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('count-problems')).toHaveText('0');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');

  await page.getByRole('link', { name: 'Выполнение плана' }).click();
  const targets = page.getByTestId('plan-targets');
  await expect(targets.getByTestId('plan-rule')).toContainText(
    'Правило: 20 % — экономически активное население 14–72 лет.',
  );
  const buzulukTarget = targets.locator(
    '[data-testid="plan-target-row"][data-municipality="buzuluk-city"]',
  );
  await expect(buzulukTarget).toContainText('14\u00a0480');
  await expect(buzulukTarget).toContainText('по правилу');

  // 25 % of 72 400 = 18 100.
  await page.getByLabel('Доля, %').fill('25');
  await page.getByRole('button', { name: 'Сохранить правило' }).click();
  await expect(page.getByText('Правило сохранено, целевые показатели пересчитаны.')).toBeVisible();
  await expect(targets.getByTestId('plan-rule')).toContainText('Правило: 25 %');
  await expect(buzulukTarget).toContainText('18\u00a0100');

  await page.getByTestId('plan-month-picker').fill('2017-03');
  const month = page.getByTestId('plan-month');
  await expect(month.getByTestId('plan-row')).toHaveCount(4);
  await month.getByTestId('plan-municipalities').selectOption(['buzuluk-city']);
  await expect(month.getByTestId('plan-row')).toHaveCount(1);
  const row = month.locator('[data-testid="plan-row"][data-municipality="buzuluk-city"]');
  await expect(row.locator('td[data-month="2017-03"]')).toHaveText('900');
  // 18 100 − 7 694 = 10 406 for the year, 867,17 a month; March 900 / 867,17 = 103,79 %;
  // the year so far (1 010 + 1 105 + 900) / 10 406 = 28,97 %.
  await expect(row.locator('[data-figure="year_increment"] .figure__value')).toHaveText(
    '10\u00a0406',
  );
  await expect(row.locator('[data-figure="month_percent:2017-03"] .figure__value')).toHaveText(
    '103,79\u00a0%',
  );
  await expect(row.locator('[data-figure="ytd_percent"] .figure__value')).toHaveText(
    '28,97\u00a0%',
  );

  // The linear forecast 3 015 / 3 × 12 = 12 060 is 115,89 % of 10 406: on track.
  const forecast = month.locator(
    '[data-testid="plan-forecast-row"][data-municipality="buzuluk-city"]',
  );
  await expect(forecast).toHaveAttribute('data-status', 'on-track');
  await expect(forecast).toContainText('12\u00a0060');
  await expect(forecast).toContainText('115,89\u00a0%');
  await expect(forecast).toContainText('↑ выполняется');

  await expect(month.getByTestId('plan-chart').locator('svg')).toBeVisible();
  expect(scripts.some((u) => /plan-execution-chart/.test(u))).toBe(true);
});
