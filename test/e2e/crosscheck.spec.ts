import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// November 2017: no other spec writes data of that month. An ЕСИА extract says г.Бузулук had
// 1000 new registrations; its form, saved after, says 900 — the form counts until an analyst
// chooses.
test('an analyst goes from the cycle screen to the discrepancies and counts the extract', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  const setUp = await page.evaluate(async () => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken };
    const imported = await fetch('/api/imports', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        fileName: 'esia-2017-11.txt',
        text: 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-11\t1000\n',
        sourceSystem: 'ЕСИА',
      }),
    });
    const saved = await fetch('/api/entry-forms/buzuluk-city/2017-11', {
      method: 'PUT',
      headers,
      body: JSON.stringify({ values: { esia_new: 900 } }),
    });
    return [imported.status, saved.status];
  });
  expect(setUp).toEqual([200, 200]);

  await page.goto('/data/cycle');
  await page.getByRole('textbox', { name: 'Месяц' }).fill('2017-11');
  await page.getByRole('button', { name: 'Показать' }).click();
  await page.getByTestId('cycle-crosscheck').click();

  await expect(
    page.getByRole('heading', { name: 'ноябрь 2017: открытых расхождений 1' }),
  ).toBeVisible();
  const row = page.getByTestId('crosscheck-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('г.Бузулук');
  await expect(row.locator('td').nth(2)).toContainText('900');
  await expect(row.locator('td').nth(2)).toContainText('форма ввода');
  await expect(row.locator('td').nth(3)).toContainText('1 000');
  await expect(row.locator('td').nth(3)).toContainText('«esia-2017-11.txt» (ЕСИА), строка 2');
  await expect(row.locator('td').nth(4)).toHaveText('100 (11,11 %)');

  await row.getByLabel('Засчитать').selectOption('extract');
  await row.getByLabel('Обоснование').fill('Сверено с оператором ЕСИА');
  await row.getByRole('button', { name: 'Засчитать' }).click();
  await expect(
    page.getByRole('heading', { name: 'ноябрь 2017: открытых расхождений 0' }),
  ).toBeVisible();
  await expect(page.getByText('Открытых расхождений нет.')).toBeVisible();
});
