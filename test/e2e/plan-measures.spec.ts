import { expect, test } from '@playwright/test';
import { tinyPdf } from '../support/tiny-files.js';
import { signIn } from './sign-in.js';

test('an official adds a measure, reports its Q1 status with a comment and attaches a PDF; the analyst sees the summary', async ({
  page,
}) => {
  const title = 'Организовать работу ЦОК в администрации';
  await signIn(page, 'demo-buzuluk');
  await page.getByRole('link', { name: 'Мероприятия', exact: true }).click();
  await page.getByLabel('Год').fill('2027');
  await page.getByRole('button', { name: 'Открыть план' }).click();
  await expect(
    page.getByRole('heading', { name: 'г.Бузулук: план мероприятий на 2027 год' }),
  ).toBeVisible();

  await page.getByLabel('Наименование мероприятия').fill(title);
  await page.getByLabel('Ответственный (ФИО)').fill('Иванова Анна Петровна');
  await page.getByLabel('Должность ответственного').fill('начальник отдела информатизации');
  await page.getByLabel('Срок исполнения').fill('2027-03-31');
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await expect(page.getByTestId('plan-message')).toHaveText('Мероприятие добавлено.');
  const measure = page.getByTestId('measure');
  await expect(measure).toHaveCount(1);
  await expect(measure).toContainText(title);
  await expect(measure).toContainText('Иванова Анна Петровна, начальник отдела информатизации');

  await page.getByLabel(`Статус за 1 квартал: ${title}`).selectOption({ label: 'в работе' });
  await page.getByLabel(`Комментарий за 1 квартал: ${title}`).fill('ЦОК открыт, идёт набор');
  await page.getByRole('button', { name: `Сохранить отчёт: ${title}` }).click();
  await expect(measure).toContainText('1 кв.: в работе · 2 кв.: не начато');
  await expect(page.getByLabel(`Комментарий за 1 квартал: ${title}`)).toHaveValue(
    'ЦОК открыт, идёт набор',
  );

  await page.getByLabel(`Приложить файл: ${title}`).setInputFiles({
    name: 'Акт ЦОК.pdf',
    mimeType: 'application/pdf',
    buffer: tinyPdf(),
  });
  await expect(page.getByTestId('attachments').getByRole('link')).toHaveText('Акт ЦОК.pdf');

  await page.getByLabel(`Приложить файл: ${title}`).setInputFiles({
    name: 'вирус.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('MZ\x90\x00 not a pdf', 'latin1'),
  });
  await expect(page.getByTestId('measure-message')).toHaveText(
    'Файл «вирус.pdf» не принят: по содержимому это не PDF, DOCX, XLSX, JPG или PNG.',
  );
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  await signIn(page, 'demo-analyst');
  await page.getByRole('link', { name: 'Сводка по мероприятиям' }).click();
  await page.getByLabel('Год').fill('2027');
  await page.getByRole('button', { name: 'Показать' }).click();
  const firstQuarter = page.getByTestId('measure-summary').getByRole('row').nth(1);
  await expect(firstQuarter).toContainText('г.Бузулук');
  await expect(firstQuarter).toContainText('1 кв.');
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  // The commission reads the same summary: it is made for it.
  await signIn(page, 'demo-viewer');
  await page.getByRole('link', { name: 'Сводка по мероприятиям' }).click();
  await page.getByLabel('Год').fill('2027');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByTestId('measure-summary').getByRole('row').nth(1)).toContainText(
    'г.Бузулук',
  );
  await expect(page.getByText('Недостаточно прав')).toHaveCount(0);
});
