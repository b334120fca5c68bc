import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

test('an analyst sets a population by hand with its source and is warned of a jump from the previous year', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page.getByRole('link', { name: 'Справочные данные' }).click();
  await expect(page.getByTestId('jump-threshold')).toContainText('больше чем на 25');
  const buzuluk2017 = page.getByTestId('reference-table').locator('[data-code="buzuluk-city"]');
  await expect(buzuluk2017.locator('td').first()).toContainText('85\u00a0199');

  await page.getByLabel('Год', { exact: true }).fill('2018');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByRole('table')).toContainText('Справочные данные за 2018 год');
  const form = page.getByTestId('reference-edit-form');
  await form.getByLabel('ОМСУ').selectOption({ label: 'г.Бузулук' });
  await form.getByLabel('Показатель').selectOption({ label: 'Численность населения' });
  await form.getByLabel('Значение за 2018 год').fill('сто тысяч');
  await form.getByLabel('Источник').fill('Оренбургстат, оценка на 01.01.2018');
  await form.getByRole('button', { name: 'Сохранить значение' }).click();
  await expect(page.getByTestId('reference-message')).toHaveText(
    'Поле «значение»: «сто тысяч» — не число.',
  );

  await form.getByLabel('Значение за 2018 год').fill('110 000');
  await form.getByRole('button', { name: 'Сохранить значение' }).click();
  await expect(page.getByTestId('reference-message')).toHaveText(
    'Сохранено. Численность населения г.Бузулук за 2018 год отличается от 2017 года (85\u00a0199) на 29,1 % — больше порога 25 %. Проверьте значение.',
  );
  const cell = page.getByTestId('reference-table').locator('[data-code="buzuluk-city"] td').first();
  await expect(cell).toHaveAttribute('data-jump', 'true');
  await expect(cell).toContainText('110\u00a0000');
  await expect(cell).toContainText('скачок: +29,1 % к 2017 (85\u00a0199)');
  await expect(cell).toContainText('источник: Оренбургстат, оценка на 01.01.2018');
  await expect(cell).toContainText('изменил demo-analyst');
});
