import { expect, test } from '@playwright/test';
import { sendMonthForm, signIn } from './sign-in.js';

// August 2017: no other spec writes data of that month. The demo has no forms for it; the
// fixture server adds one made-up municipality to the demo's 42.
test('an analyst opens the month’s cycle and sees its states and why a step waits', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page
    .getByRole('navigation', { name: 'Разделы портала' })
    .getByRole('link', { name: 'Цикл месяца' })
    .click();
  await expect(page.getByRole('heading', { name: 'Цикл месяца', level: 1 })).toBeVisible();
  await page.getByRole('textbox', { name: 'Месяц' }).fill('2017-08');
  await page.getByRole('button', { name: 'Показать' }).click();

  await expect(page.getByRole('heading', { name: 'август 2017: данные ОМСУ' })).toBeVisible();
  const counts = page.getByTestId('cycle-counts');
  await expect(counts.locator('[data-count="ОМСУ всего"] dd')).toHaveText('43');
  await expect(counts.locator('[data-count="не начали"] dd')).toHaveText('43');
  await expect(counts.locator('[data-count="отправлено"] dd')).toHaveText('0');
  await expect(counts.locator('[data-count="утверждено"] dd')).toHaveText('0');
  await expect(page.getByText('За этот месяц выгрузки не загружались.')).toBeVisible();
  await expect(page.getByText('Рейтинг за этот месяц ещё не рассчитан.')).toBeVisible();

  const steps = page.getByTestId('cycle-steps');
  const approve = steps.locator('[data-step="approve"]');
  await expect(
    approve.getByRole('button', { name: 'Утвердить отправленные формы' }),
  ).toBeDisabled();
  await expect(approve).toContainText('Нет отправленных форм: утверждать нечего.');
  await expect(steps.locator('[data-step="publish"]').getByRole('button')).toBeDisabled();
  await expect(steps.locator('[data-step="compute"]')).toContainText(
    'За период нет ни одного значения: сначала загрузите выгрузку или дождитесь форм.',
  );

  // The import step is open: it leads to the import page.
  await steps
    .locator('[data-step="import"]')
    .getByRole('button', { name: 'Загрузить выгрузку' })
    .click();
  await expect(page).toHaveURL(/\/data\/import$/);
});

// September 2017, likewise untouched by other specs: г.Бузулук sends its form, the analyst
// approves it from the cycle screen.
test('an analyst approves a sent form from the cycle screen and the month moves on', async ({
  page,
}) => {
  await sendMonthForm(page, 'demo-buzuluk', '2017-09', {
    rating: '0,6',
    month: '700',
    total: '12 000',
  });

  await signIn(page, 'demo-analyst');
  await page.goto('/data/cycle');
  await page.getByRole('textbox', { name: 'Месяц' }).fill('2017-09');
  await page.getByRole('button', { name: 'Показать' }).click();
  const counts = page.getByTestId('cycle-counts');
  await expect(counts.locator('[data-count="отправлено"] dd')).toHaveText('1');
  await expect(counts.locator('[data-count="заполнено полностью"] dd')).toHaveText('1');
  await expect(page.getByTestId('cycle-unapproved')).toHaveText('Не утверждены: г.Бузулук');
  const steps = page.getByTestId('cycle-steps');
  await expect(steps.locator('[data-step="compute"] button')).toBeEnabled();

  await steps.getByRole('button', { name: 'Утвердить отправленные формы' }).click();
  await expect(page.getByText('Утверждено форм: 1.')).toBeVisible();
  await expect(counts.locator('[data-count="утверждено"] dd')).toHaveText('1');
  await expect(counts.locator('[data-count="отправлено"] dd')).toHaveText('0');
  await expect(page.getByTestId('cycle-unapproved')).toHaveCount(0);
  await expect(steps.locator('[data-step="approve"]')).toContainText(
    'Нет отправленных форм: утверждать нечего.',
  );
});
