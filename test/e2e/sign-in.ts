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
