import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';

test('an official signs in on the login page, sees who they are, and signs out', async ({
  page,
}) => {
  // The public portal links to the staff sign-in.
  await page.goto('/');
  await page.getByRole('link', { name: 'Вход для сотрудников' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('Имя пользователя').fill('demo-buzuluk');
  await page.getByLabel('Пароль').fill('not the password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Неверное имя пользователя или пароль.');

  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('whoami')).toHaveText(
    'Демо: представитель г.Бузулук (представитель ОМСУ: г.Бузулук)',
  );
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'munirank_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // The cookie is out of reach of scripts.
  expect(
    await page.evaluate(
      () => (globalThis as { document?: { cookie: string } }).document?.cookie ?? '',
    ),
  ).not.toContain('munirank_session');

  await page.getByRole('button', { name: 'Выйти', exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-link')).toBeVisible();
  const who = await page.request.get('/api/session');
  expect(await who.json()).toEqual({ authenticated: false });
});

test('an administrator finds the sign-in in the audit trail', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill('demo-admin');
  await page.getByLabel('Пароль').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('whoami')).toContainText('Демо: администратор');
  await page.getByRole('link', { name: 'Администрирование' }).click();
  await expect(page.getByTestId('user-row')).toHaveCount(5);
  await page.getByRole('link', { name: 'Журнал аудита' }).click();
  await page.getByPlaceholder('имя пользователя').fill('demo-admin');
  await page.getByLabel('Действие').fill('auth.login');
  await page.getByRole('button', { name: 'Показать' }).click();
  const row = page.getByTestId('audit-row').first();
  // In Russian, with the code beside it for the filter, at local time.
  await expect(row.getByTestId('audit-action')).toHaveText('вход в систему auth.login');
  await expect(row.getByTestId('audit-entity')).toHaveText(/^учётная запись \d+ user$/);
  await expect(row.locator('time')).toHaveText(/^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d$/);
  await expect(row).toContainText('выполнено');
  await page.getByRole('button', { name: 'Выйти на всех устройствах' }).click();
  await expect(page.getByTestId('login-link')).toBeVisible();
});
