import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

const NBSP = '\u00a0';

test('an analyst defines the ЕСИА data set with its own deadline and reads the board per set', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  await page.getByRole('link', { name: 'Сбор данных' }).click();
  await page.getByRole('button', { name: 'Новый набор' }).click();
  await page.getByLabel('Код набора (латиница, цифры, дефис)').fill('esia');
  await page.getByLabel('Наименование набора').fill('ЕСИА');
  await page.getByLabel('Количество регистраций в ЕСИА за месяц').check();
  await page.getByLabel('Всего граждан, зарегистрированных в ЕСИА').check();
  await page.getByRole('button', { name: 'Создать набор' }).click();
  await expect(page.getByText('Набор «ЕСИА» создан.')).toBeVisible();
  await expect(page.getByTestId('data-sets')).toContainText(
    'Количество регистраций в ЕСИА за месяц; Всего граждан, зарегистрированных в ЕСИА',
  );

  await page.getByLabel('Период').fill('2017-02');
  await page.getByLabel('Набор данных').selectOption({ label: 'ЕСИА' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByRole('heading', { name: 'февраль 2017 — набор «ЕСИА»' })).toBeVisible();
  await expect(page.getByTestId('board-deadline')).toHaveText('Срок сдачи: не установлен');
  await page.getByLabel('Срок набора').fill('2017-03-05');
  await page.getByRole('button', { name: 'Установить срок' }).click();
  await expect(page.getByTestId('board-deadline')).toHaveText(
    'Срок сдачи: 05.03.2017 (собственный срок набора)',
  );
  // Table 2 of the seed gives both ЕСИА figures for four municipalities; nobody has submitted.
  const counts = page.getByTestId('board-counts');
  await expect(counts).toContainText('Всего: 43; не начали: 39;');
  await expect(counts).toContainText('с опозданием: 43; заполнено полностью: 4');
  await expect(page.getByTestId('board-row').filter({ hasText: 'г.Бузулук' })).toContainText(
    '2 из 2 (100 %)',
  );

  await page.getByLabel('Отбор').selectOption({ label: 'заполнено не всё' });
  await expect(page.getByTestId('board-row')).toHaveCount(39);
  await expect(page.getByTestId('board-row').filter({ hasText: 'г.Бузулук' })).toHaveCount(0);
  await expect(page.getByTestId('data-sets')).toContainText('февраль 2017: 05.03.2017');
});

test('an official imports a value twice and opens its history in the values browser', async ({
  page,
}) => {
  await signIn(page, 'demo-buzuluk');
  for (const value of [1300, 1350]) {
    await page.getByRole('link', { name: 'Импорт' }).click();
    await page
      .getByTestId('import-text')
      .fill(`ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t${value}\n`);
    await page.getByRole('button', { name: 'Предпросмотр' }).click();
    await expect(page.getByTestId('count-problems')).toHaveText('0');
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');
  }

  await page.getByRole('link', { name: 'Значения', exact: true }).click();
  await expect(page).toHaveURL(/\/data\/values$/);
  await expect(page.getByLabel('Муниципальное образование').locator('option')).toHaveText([
    'все свои',
    'г.Бузулук',
  ]);
  await page
    .getByLabel('Показатель')
    .selectOption({ label: 'Количество регистраций в ЕСИА за месяц' });
  await page.getByLabel('Период').fill('2017');
  await page.getByRole('button', { name: 'Показать' }).click();
  // January and February from the seed's Table 2, April imported just now.
  await expect(page.getByTestId('value-count')).toHaveText('Найдено значений: 3; показаны 1–3.');
  const april = page.getByTestId('value-row').filter({ hasText: 'апрель 2017' });
  await expect(april).toContainText(`1${NBSP}350`);
  await expect(april).toContainText('(правок: 2)');

  await page
    .getByRole('button', {
      name: 'История значения: Количество регистраций в ЕСИА за месяц, г.Бузулук, апрель 2017',
    })
    .click();
  const revisions = page.getByTestId('revision-row');
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0)).toContainText(`1${NBSP}300`);
  await expect(revisions.nth(0)).toContainText('файл «вставленная таблица», строка 2');
  await expect(revisions.nth(1)).toContainText(`1${NBSP}300`);
  await expect(revisions.nth(1)).toContainText(`1${NBSP}350`);
  await expect(revisions.nth(1)).toContainText('demo-buzuluk');
});

test('an official deletes an unreported measure after confirming', async ({ page }) => {
  await signIn(page, 'demo-buzuluk');
  await page.getByRole('link', { name: 'Мероприятия', exact: true }).click();
  await page.getByLabel('Год').fill('2029');
  await page.getByRole('button', { name: 'Открыть план' }).click();
  await page.getByLabel('Наименование мероприятия').fill('Лишнее мероприятие');
  await page.getByLabel('Ответственный (ФИО)').fill('Иванова А. П.');
  await page.getByLabel('Срок исполнения').fill('2029-03-31');
  await page.getByRole('button', { name: 'Добавить мероприятие' }).click();
  await expect(page.getByTestId('measure')).toHaveCount(1);

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await page.getByRole('button', { name: 'Удалить «Лишнее мероприятие»' }).click();
  await expect(page.getByTestId('plan-message')).toHaveText(
    'Мероприятие «Лишнее мероприятие» удалено.',
  );
  expect(question).toBe(
    'Удалить мероприятие «Лишнее мероприятие»? Это действие попадёт в журнал аудита.',
  );
  await expect(page.getByTestId('measure')).toHaveCount(0);
});
