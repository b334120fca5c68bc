import { expect, test } from '@playwright/test';
import { readDemoDataset } from '../../src/demo/read-demo-dataset.js';
import { signIn } from './sign-in.js';

/** A CSV of 42 units × 400 days of ЕСИА totals: 16,800 values, three chunks of writes on SQLite. */
function largeTable(): string {
  const lines = ['ОМСУ;Показатель;Период;Значение'];
  for (const unit of readDemoDataset().municipalities)
    for (let d = 0; d < 400; d += 1) {
      const date = new Date(Date.UTC(2012, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${unit.name};esia_total;${date};${(d * 13) % 4000}`);
    }
  return `${lines.join('\n')}\n`;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, 'demo-analyst');
  await page.goto('/data/import');
});

test('a large commit shows the server phase with a percentage, then the committed batch', async ({
  page,
}) => {
  await page.getByTestId('import-file').setInputFiles({
    name: 'esia-daily.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(largeTable()),
  });
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('count-insert')).toHaveText('16\u00a0800');
  await expect(page.getByTestId('count-problems')).toHaveText('0');

  // Every text the progress bar's label shows, in order, as the page renders it.
  // (A string: this file is type-checked without the DOM library.)
  await page.evaluate(`{
    const seen = [];
    window.progressLabels = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="import-progress-label"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }`);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-progress-label')).toHaveText(
    /^Запись \([\d\u00a0]+ из 16\u00a0800\): \d+ %$/,
  );
  const bar = page.getByTestId('import-progress').locator('progress');
  await expect(bar).toHaveAttribute('max', '100');
  await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');
  await expect(page.getByTestId('import-result')).toContainText('добавлено 16\u00a0800');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  const labels = await page.evaluate(
    () => (globalThis as unknown as { progressLabels: string[] }).progressLabels,
  );
  const reading = labels.findIndex((l) => /^Чтение: \d+ %$/.test(l));
  const writing = labels.findIndex((l) => /^Запись \([\d\u00a0]+ из 16\u00a0800\): \d+ %$/.test(l));
  expect(reading, labels.join(' | ')).toBeGreaterThanOrEqual(0);
  expect(writing, labels.join(' | ')).toBeGreaterThan(reading);
});

test('a population column is recognised as reference data, previewed old → new and committed', async ({
  page,
}) => {
  await page.getByTestId('import-text').fill('ОМСУ\tЧисленность населения\nг.Бузулук\t86 500\n');
  await page.getByLabel('Период значений').fill('2017');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  const reference = page.getByTestId('import-reference');
  await expect(page.getByTestId('reference-update')).toHaveText('1');
  await expect(reference.locator('tbody tr').first()).toContainText('г.Бузулук');
  await expect(reference.locator('tbody tr').first()).toContainText('85\u00a0199');
  await expect(reference.locator('tbody tr').first()).toContainText('86\u00a0500');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('изменено 1');

  // The demo's figure goes back, as later specs (reference data, Table 2) read it.
  await page.getByTestId('import-text').fill('ОМСУ\tЧисленность населения\nг.Бузулук\t85 199\n');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('import-reference').locator('tbody tr').first()).toContainText(
    '86\u00a0500',
  );
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('изменено 1');
});
