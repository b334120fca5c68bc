import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// June 2017: March of г.Бузулук belongs to the plan spec, which imports it and reads Table 2.
test('an official fills the form, is stopped by validation, saves and submits; an analyst approves', async ({
  page,
}) => {
  await signIn(page, 'demo-buzuluk');
  await page.getByRole('link', { name: 'Ввод данных' }).click();
  await page.getByLabel('Период').fill('2017-06');
  await page.getByRole('button', { name: 'Открыть форму' }).click();
  await expect(page.getByRole('heading', { name: 'г.Бузулук: июнь 2017' })).toBeVisible();

  const field = (name: string) => page.getByLabel(name, { exact: true });
  await field('Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)').fill('0,6');
  await field('Количество регистраций в ЕСИА за месяц').fill('1200,5');
  await field('Всего граждан, зарегистрированных в ЕСИА').fill('11 000');
  // 11 000 / 85 199 × 1000, computed in the browser as the official types.
  await expect(page.getByTestId('derived-esia_per_1000')).toHaveText('129,11');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-problems')).toHaveText(
    'Количество регистраций в ЕСИА за месяц: количество человек — целое число',
  );

  await field('Количество регистраций в ЕСИА за месяц').fill('1200');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-message')).toHaveText('Данные сохранены.');
  await page
    .getByRole('button', { name: 'История: Количество регистраций в ЕСИА за месяц' })
    .click();
  await expect(page.getByTestId('revision-row')).toHaveCount(1);
  await expect(page.getByTestId('revision-row')).toContainText('demo-buzuluk');
  await expect(page.getByTestId('revision-row')).toContainText('форма ввода');

  await page.getByRole('button', { name: 'Отправить на проверку' }).click();
  await expect(page.getByTestId('entry-status')).toHaveText('Статус: отправлено');
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  await signIn(page, 'demo-analyst');
  await page.getByRole('link', { name: 'Сбор данных' }).click();
  await page.getByLabel('Период').fill('2017-06');
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByTestId('board-counts')).toContainText('отправлено: 1;');
  await page.getByLabel('Выбрать: г.Бузулук').check();
  await page.getByRole('button', { name: 'Утвердить выбранные (1)' }).click();
  await expect(page.getByText('Утверждено: 1.')).toBeVisible();
  await expect(page.getByTestId('board-counts')).toContainText('утверждено: 1;');
});
