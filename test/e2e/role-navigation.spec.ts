import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

const navLinks = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Разделы портала' }).getByRole('link');

// Each role is offered exactly the sections the server's permission table lets it use.
const SECTIONS_OF = {
  'demo-viewer': [
    'Рейтинг',
    'Выполнение плана',
    'Сбор данных',
    'Значения',
    'Справочные данные',
    'Мероприятия',
    'Сводка по мероприятиям',
    'Справка для комиссии',
  ],
  'demo-buzuluk': [
    'Рейтинг',
    'Выполнение плана',
    'Импорт',
    'Ввод данных',
    'Сбор данных',
    'Значения',
    'Мероприятия',
  ],
  'demo-analyst': [
    'Рейтинг',
    'Выполнение плана',
    'Импорт',
    'Ввод данных',
    'Сбор данных',
    'Значения',
    'Справочные данные',
    'Показатели',
    'Мероприятия',
    'Сводка по мероприятиям',
    'Справка для комиссии',
    'Расчёт рейтинга',
    'Цикл месяца',
    'Расхождения источников',
    'Методики',
  ],
} as const;

for (const [username, sections] of Object.entries(SECTIONS_OF)) {
  test(`${username} is offered exactly the sections the role may use`, async ({ page }) => {
    await signIn(page, username);
    await expect(navLinks(page)).toHaveText([...sections]);
  });
}

test('the public is offered the published pages only', async ({ page }) => {
  await page.goto('/plan');
  await expect(navLinks(page)).toHaveText(['Рейтинг', 'Выполнение плана']);
  await page.goto('/');
  await expect(
    page.getByRole('navigation', { name: 'Разделы портала' }).getByRole('link'),
  ).toHaveText(['Рейтинг', 'Открытые данные', 'Исправления', 'Вход для сотрудников']);
});

test('a viewer who opens the import page by its address is told why, in words', async ({
  page,
}) => {
  await signIn(page, 'demo-viewer');
  await page.goto('/data/import');
  await expect(page.getByTestId('role-refusal')).toHaveText(
    'Раздел недоступен для роли «наблюдатель».',
  );
  await expect(page.getByTestId('import-text')).toHaveCount(0);
});
