import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// The indicator is made here (specs share the fixture server's demo) and is derived, so no
// entry form of another spec gains a field to fill.
test('an analyst creates a derived indicator; a self-referring formula is refused beside the field', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page
    .getByRole('navigation', { name: 'Разделы портала' })
    .getByRole('link', { name: 'Показатели' })
    .click();
  await expect(page.getByRole('heading', { name: 'Паспорта показателей' })).toBeVisible();

  const form = page.getByTestId('indicator-form');
  await form.getByLabel('Код').fill('e2e_esia_per_1000');
  await form.getByLabel('Наименование').fill('Новые регистрации на 1000 жителей');
  await form.getByLabel('Единица измерения').fill('ед.');
  await form.getByLabel('Формула (для производного показателя)').fill('e2e_esia_per_1000 * 2');
  await expect(form.getByTestId('formula-check')).toHaveText(
    'Поле «формула»: формула ссылается сама на себя («e2e_esia_per_1000» в позиции 1).',
  );
  await expect(form.getByLabel('Формула (для производного показателя)')).toHaveAttribute(
    'aria-invalid',
    'true',
  );

  await form
    .getByLabel('Формула (для производного показателя)')
    .fill('esia_new / population * 1000');
  await expect(form.getByTestId('formula-check')).toHaveText(
    'Формула верна: esia_new, population.',
  );
  await form.getByRole('button', { name: 'Создать показатель' }).click();
  await expect(page.getByTestId('indicator-message')).toHaveText(
    'Сохранено: e2e_esia_per_1000 — Новые регистрации на 1000 жителей (версия 1).',
  );
  await expect(page.getByLabel('Показатель')).toContainText(
    'e2e_esia_per_1000 — Новые регистрации на 1000 жителей (производный)',
  );
});
