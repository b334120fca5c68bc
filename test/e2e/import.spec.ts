import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

test('an official pastes a table, previews it and imports it once; another municipality is refused', async ({
  page,
}) => {
  await signIn(page, 'demo-buzuluk');

  await page.getByRole('link', { name: 'Импорт' }).click();
  await expect(page).toHaveURL(/\/data\/import$/);
  const value = 3000 + Math.floor(Math.random() * 1000);
  await page
    .getByTestId('import-text')
    .fill(`ОМСУ\tПоказатель\tПериод\tЗначение\n<b>г.Бузулук</b>\tesia_new\t2017-05\t${value}\n`);
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('count-insert')).toHaveText('1');
  await expect(page.getByTestId('count-problems')).toHaveText('0');

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  // what was written stays on the page beside the result, no longer as a preview
  const written = page.getByRole('region', { name: 'Записанный импорт' });
  await expect(written.getByRole('heading', { name: 'Записано в базу' })).toBeVisible();
  await expect(written.getByRole('row', { name: 'Добавлено 1' })).toBeVisible();
  const shown = `${(value / 1000) | 0}\u00a0${String(value % 1000).padStart(3, '0')}`;
  await expect(written).toContainText(`2017-05${shown}`);

  // Another municipality's row: refused as a whole, with the reason.
  await page
    .getByTestId('import-text')
    .fill('ОМСУ\tПоказатель\tПериод\tЗначение\nг.Орск\tesia_new\t2017-05\t10\n');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByRole('alert')).toContainText('только с данными своего ОМСУ');
});

test('a malformed number is located by row and column, and nothing can be imported', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page.goto('/data/import');
  await page
    .getByTestId('import-text')
    .fill('ОМСУ\tПоказатель\tПериод\tЗначение\nг.Орск\tesia_new\t2017-05\tмного\n');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  const problems = page.getByTestId('import-problems');
  await expect(problems).toContainText('много');
  await expect(problems.locator('tbody tr').first().locator('td').nth(1)).toHaveText('2');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
});

test('an analyst confirms an indicator column named as the official wrote it; total rows are listed, not refused', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page.goto('/data/import');
  // A variant word of its own per run, so that the header is new to the database each time.
  const header = `Доля документов, подписанных ЭП (выгрузка ${Date.now().toString(36)}), %`;
  await page
    .getByTestId('import-text')
    .fill(`ОМСУ\tГод\t${header}\nг.Орск\t2019\t64,5\nг.Бузулук\t2019\t70\nИтого\t2019\t134,5\n`);
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  const unknown = page.getByTestId('unknown-indicators');
  await expect(unknown).toContainText(header);
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  await unknown
    .getByRole('button', { name: 'это «Доля документов, подписанных электронной подписью в СЭД»' })
    .click();
  await expect(page.getByTestId('count-problems')).toHaveText('0');
  await expect(page.getByTestId('import-columns')).toContainText(
    `«${header}» → Доля документов, подписанных электронной подписью в СЭД`,
  );
  await expect(page.getByTestId('import-totals')).toHaveText('строка 4 «Итого»');
  await expect(page.getByTestId('import-ignored')).toHaveCount(0);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');

  // Remembered: the same header in a new paste is read without asking.
  await page.getByTestId('import-text').fill(`ОМСУ\tГод\t${header}\nг.Орск\t2019\t64,5\n`);
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('count-problems')).toHaveText('0');
  await expect(page.getByTestId('unknown-indicators')).toHaveCount(0);
});
