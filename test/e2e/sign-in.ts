import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';

/** Signs a demo account in through the login page and waits until the header shows who it is. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('whoami')).toBeVisible();
}

/**
 * A demo official fills the month's form (the ESIA form of the demo: the rating value, the
 * month's registrations and the total to date, typed as a person types them), saves it, sends
 * it for review and signs out.
 */
export async function sendMonthForm(
  page: Page,
  username: string,
  period: string,
  values: { rating: string; month: string; total: string },
): Promise<void> {
  await signIn(page, username);
  await page.getByRole('link', { name: 'Ввод данных' }).click();
  await page.getByLabel('Период').fill(period);
  await page.getByRole('button', { name: 'Открыть форму' }).click();
  const field = (name: string) => page.getByLabel(name, { exact: true });
  await field('Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)').fill(
    values.rating,
  );
  await field('Количество регистраций в ЕСИА за месяц').fill(values.month);
  await field('Всего граждан, зарегистрированных в ЕСИА').fill(values.total);
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-message')).toHaveText('Данные сохранены.');
  await page.getByRole('button', { name: 'Отправить на проверку' }).click();
  await expect(page.getByTestId('entry-status')).toHaveText('Статус: отправлено');
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();
}
