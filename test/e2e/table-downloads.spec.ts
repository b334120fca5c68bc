import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './sign-in.js';

/** Clicks a download link and returns the file's name and bytes. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

async function firstSheet(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('в книге нет листов');
  return sheet;
}

test('an analyst downloads Table 1 of a rating and the selected values as workbooks', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page.getByRole('link', { name: 'Расчёт рейтинга' }).click();
  await page.getByRole('button', { name: 'Открыть снимок orenburg-2016-03-table1' }).click();
  const links = page.getByTestId('rating-table-download');
  await expect(links).toContainText('Таблица для справки');

  const table1 = await download(page, () => links.getByRole('link', { name: 'XLSX' }).click());
  expect(table1.name).toBe('Таблица 1 orenburg-2016-03-table1.xlsx');
  const sheet = await firstSheet(table1.bytes);
  expect([1, 2, 3, 4].map((c) => sheet.getRow(3).getCell(c).value)).toEqual([
    1,
    'Соль-Илецкий городской округ',
    0.574,
    34.71,
  ]);
  const pdf = await download(page, () => links.getByRole('link', { name: 'PDF' }).click());
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  await page.getByRole('link', { name: 'Значения', exact: true }).click();
  const filters = page.getByTestId('value-filters');
  await filters.getByLabel('Муниципальное образование').selectOption({ label: 'г.Бузулук' });
  await filters.getByLabel('Период').fill('2017-02');
  await filters.getByRole('button', { name: 'Показать' }).click();
  const values = await download(page, () =>
    page.getByTestId('values-download').getByRole('link', { name: 'XLSX' }).click(),
  );
  expect(values.name).toBe('Значения.xlsx');
  const rows = (await firstSheet(values.bytes)).getSheetValues().slice(3);
  const esia = rows.find((r) => Array.isArray(r) && r[4] === 'esia_new') as unknown[];
  expect(esia?.slice(1, 8)).toEqual([
    'г.Бузулук',
    'buzuluk-city',
    'Количество регистраций в ЕСИА за месяц',
    'esia_new',
    'чел.',
    '2017-02',
    1105,
  ]);
});
