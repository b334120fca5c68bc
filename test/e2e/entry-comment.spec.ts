import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.js';

const ESIA_NEW = 'Количество регистраций в ЕСИА за месяц';

async function openForm(page: Page, municipality: string | null, period: string) {
  await page.getByRole('link', { name: 'Ввод данных' }).click();
  if (municipality !== null)
    await page.getByLabel('Муниципальное образование').selectOption({ label: municipality });
  await page.getByLabel('Период').fill(period);
  await page.getByRole('button', { name: 'Открыть форму' }).click();
}

async function fillMonth(page: Page, esiaNew: string) {
  const field = (name: string) => page.getByLabel(name, { exact: true });
  await field('Значение показателя рейтинга ОМСУ (максимально возможное значение – 1)').fill('0,5');
  await field(ESIA_NEW).fill(esiaNew);
  await field('Всего граждан, зарегистрированных в ЕСИА').fill('10 000');
}

test('a jump saved without a comment is refused on submission as uncommented, not unsaved; the comment reaches the reviewing analyst', async ({
  page,
}) => {
  await signIn(page, 'demo-buzuluk');
  // May first: 3 000 registrations, nothing to compare with yet, so it saves as it is.
  await openForm(page, null, '2018-05');
  await expect(page.getByRole('heading', { name: 'г.Бузулук: май 2018' })).toBeVisible();
  await fillMonth(page, '3000');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-message')).toHaveText('Данные сохранены.');
  // Then April: 1 000, which makes May a jump of +200 % that needs a justification.
  await openForm(page, null, '2018-04');
  await expect(page.getByRole('heading', { name: 'г.Бузулук: апрель 2018' })).toBeVisible();
  await fillMonth(page, '1000');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-message')).toHaveText('Данные сохранены.');

  await openForm(page, null, '2018-05');
  await expect(page.getByLabel(ESIA_NEW, { exact: true })).toHaveValue('3000');
  await page.getByRole('button', { name: 'Отправить на проверку' }).click();
  const refusal = page.getByTestId('entry-message');
  await expect(refusal).toContainText('Нельзя отправить на проверку');
  await expect(refusal).toContainText('добавьте комментарий');
  await expect(refusal).not.toContainText('не сохранен');
  await expect(page.getByLabel(ESIA_NEW, { exact: true })).toHaveValue('3000');

  await page.getByLabel(`Комментарий: ${ESIA_NEW}`).fill('акция в МФЦ');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByTestId('entry-message')).toHaveText('Данные сохранены.');
  await page.getByRole('button', { name: 'Отправить на проверку' }).click();
  await expect(page.getByTestId('entry-status')).toHaveText('Статус: отправлено');
  await page.getByRole('button', { name: 'Выйти', exact: true }).click();

  // The analyst who reviews the form reads the justification beside the value.
  await signIn(page, 'demo-analyst');
  await openForm(page, 'г.Бузулук', '2018-05');
  await expect(page.getByRole('heading', { name: 'г.Бузулук: май 2018' })).toBeVisible();
  await expect(page.getByTestId('entry-status')).toHaveText('Статус: отправлено');
  await expect(page.getByLabel(`Комментарий: ${ESIA_NEW}`)).toHaveValue('акция в МФЦ');
  await page.getByRole('button', { name: `История: ${ESIA_NEW}` }).click();
  // Two revisions: the value as first saved, then the same value with its justification.
  await expect(page.getByTestId('revision-row')).toHaveCount(2);
  await expect(page.getByTestId('revision-row').nth(1)).toContainText('акция в МФЦ');
});
