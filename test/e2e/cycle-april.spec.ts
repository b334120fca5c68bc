import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';
import { sendMonthForm, signIn } from './sign-in.js';

// Table 1 of April 2017: ЕСИА registrations to date, stored on 01.05.2017 (a stock on the
// first day after the month); March's on 01.04.2017. No other spec writes esia_total on those
// dates, nor computes under the methodology «e2e-cycle». Share of the largest value: places go
// by the totals.
//   March (published before the test):  Орск 3000 (1), Новотроицк 2000 (2), Бузулук 1000 (3),
//                                        Медногорск 500 (4).
//   April: Орск's form 1500, the ЕСИА extract Бузулук 2600, Медногорск 2100, Новотроицк 1800:
//          Бузулук 1 (▲ +2, было 3), Медногорск 2 (▲ +2, было 4), Новотроицк 3 (▼ −1, было 2),
//          Орск 4 (▼ −3, было 1).
const CODE = 'e2e-cycle';
const METHODOLOGY = {
  ...methodologyOf(CODE, 'Таблица 1: регистрации в ЕСИА (цикл месяца)', [
    indicatorNode('esia_total', 'Всего зарегистрированных в ЕСИА', { method: 'fraction-of-max' }),
  ]),
  effectiveFrom: '2017-01',
};
const MARCH = 'e2e-cycle-2017-03';
const APRIL = 'e2e-cycle-2017-04';

test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const login = await api.post('/api/session/login', {
    data: { username: 'demo-analyst', password: DEMO_PASSWORD },
  });
  const headers = { 'x-csrf-token': (await login.json()).csrfToken };
  const saved = await api.post(`/api/methodologies/${CODE}/versions`, {
    headers,
    data: { definition: METHODOLOGY, changeNote: 'Первая версия', effectiveFrom: '2017-01' },
  });
  expect(saved.status()).toBe(201);
  const march = [
    ['г.Орск', 3000],
    ['г.Новотроицк', 2000],
    ['г.Бузулук', 1000],
    ['г.Медногорск', 500],
  ].map(([name, value]) => `${name}\tesia_total\t2017-04-01\t${value}`);
  const imported = await api.post('/api/imports', {
    headers,
    data: {
      fileName: 'esia-2017-03.txt',
      text: `ОМСУ\tПоказатель\tПериод\tЗначение\n${march.join('\n')}\n`,
    },
  });
  expect((await imported.json()).outcome).toBe('committed');
  const computed = await api.post('/api/ratings', {
    headers,
    data: {
      code: MARCH,
      title: 'Таблица 1 на 01.04.2017',
      period: '2017-04-01',
      asOf: '2017-04-01',
      methodology: { code: CODE },
    },
  });
  expect(computed.status()).toBe(201);
  expect((await api.post(`/api/ratings/${MARCH}/publish`, { headers, data: {} })).status()).toBe(
    200,
  );
  await api.dispose();
});

test('April 2017 runs from the cycle screen: import, approve, compute, review, publish', async ({
  page,
}) => {
  test.setTimeout(60_000);
  // г.Орск sends its April form: 1 500 registered to date.
  await sendMonthForm(page, 'demo-orsk', '2017-04', {
    rating: '0,5',
    month: '300',
    total: '1 500',
  });

  await signIn(page, 'demo-analyst');
  await page.goto('/data/cycle?period=2017-04');
  await expect(page.getByRole('heading', { name: 'апрель 2017: данные ОМСУ' })).toBeVisible();
  await expect(page.getByTestId('cycle-unapproved')).toHaveText('Не утверждены: г.Орск');
  const steps = page.getByTestId('cycle-steps');
  const stepButton = (step: string) => steps.locator(`[data-step="${step}"] button`);
  await expect(steps.locator('[data-step="publish"]')).toContainText(
    'Нет рассчитанного неопубликованного рейтинга за период: сначала рассчитайте.',
  );

  // 1. The ЕСИА extract, from the import page the step opens.
  await stepButton('import').click();
  await expect(page).toHaveURL(/\/data\/import$/);
  const extract = [
    ['г.Бузулук', 2600],
    ['г.Медногорск', 2100],
    ['г.Новотроицк', 1800],
  ].map(([name, value]) => `${name}\tesia_total\t2017-05-01\t${value}`);
  await page
    .getByTestId('import-text')
    .fill(`ОМСУ\tПоказатель\tПериод\tЗначение\n${extract.join('\n')}\n`);
  await page.getByLabel('Система-источник').selectOption('ЕСИА');
  await page.getByRole('button', { name: 'Предпросмотр' }).click();
  await expect(page.getByTestId('count-problems')).toHaveText('0');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toContainText('Импортировано: пакет №');

  // 2. Approving Орск's form on the cycle screen.
  await page.goto('/data/cycle?period=2017-04');
  await expect(page.getByTestId('cycle-imports')).toContainText('«вставленная таблица» (ЕСИА)');
  await expect(page.getByTestId('cycle-imports').locator('li').last()).toContainText(
    'demo-analyst: значений 3',
  );
  await stepButton('approve').click();
  await expect(page.getByText('Утверждено форм: 1.')).toBeVisible();
  await expect(page.getByTestId('cycle-unapproved')).toHaveCount(0);

  // 3. Computing: the step opens the form for the month; esia_total is a stock counted on a
  // date, so the period is the first day after April, as Table 1 counts it.
  await stepButton('compute').click();
  await expect(page).toHaveURL(/\/data\/ratings\?period=2017-04$/);
  const form = page.getByTestId('compute-form');
  await form.getByTestId('compute-methodology').selectOption(`in-force:${CODE}`);
  await expect(form.getByTestId('compute-period')).toHaveValue('2017-05-01');
  await expect(form.getByTestId('compute-as-of')).toHaveValue('2017-05-01');
  await form.getByTestId('compute-title').fill('Таблица 1 на 01.05.2017');
  await form.getByTestId('compute-code').fill(APRIL);
  await form.getByRole('button', { name: 'Рассчитать черновик' }).click();
  await expect(page.getByTestId('review-state')).toHaveText('Состояние: рассчитан, не проверен');
  const listed = page.locator(`[data-testid="staff-snapshot-row"][data-code="${APRIL}"]`);
  await expect(listed.getByTestId('snapshot-review-state')).toHaveText('Не проверен');

  // 4. Reviewing: the cycle says the draft waits, its step opens the draft.
  await page.goto('/data/cycle?period=2017-04');
  const rating = page.locator(`[data-testid="cycle-ratings"] li[data-code="${APRIL}"]`);
  await expect(rating).toContainText('рассчитан, не проверен');
  await expect(steps.locator('[data-step="publish"]')).toContainText(
    'Расчёт не проверен: сначала отметьте черновик проверенным (шаг «Проверить расчёт»).',
  );
  await expect(stepButton('publish')).toBeDisabled();
  await stepButton('review').click();
  await expect(page).toHaveURL(new RegExp(`/data/ratings\\?snapshot=${APRIL}$`));
  await page.getByLabel('Замечание проверяющего (необязательно)').fill('Сверено с выгрузкой ЕСИА');
  await page.getByTestId('review-button').click();
  await expect(page.getByTestId('review-state')).toContainText(
    'Состояние: проверен — demo-analyst, ',
  );
  await expect(page.getByTestId('review-state')).toContainText(': Сверено с выгрузкой ЕСИА');
  await expect(listed.getByTestId('snapshot-review-state')).toHaveText(
    /^Проверен: demo-analyst, \d\d\.\d\d\.2\d{3} \d\d:\d\d:\d\d$/,
  );

  // 5. Publishing from the cycle screen.
  await page.goto('/data/cycle?period=2017-04');
  await expect(rating.getByTestId('cycle-rating-state')).toHaveAttribute('data-state', 'reviewed');
  await expect(steps.locator('[data-step="review"]')).toContainText(
    'Все рассчитанные черновики периода уже проверены.',
  );
  await stepButton('publish').click();
  await expect(page.getByText(`Рейтинг «${APRIL}» опубликован.`)).toBeVisible();
  await expect(rating.getByTestId('cycle-rating-state')).toHaveAttribute('data-state', 'published');

  // The public league table of April, with the change of place against March.
  await page.goto(`/rating/${APRIL}`);
  await expect(page.getByText('Изменение места — по сравнению с рейтингом')).toContainText(
    '«Таблица 1 на 01.04.2017»',
  );
  const row = (name: string) =>
    page.locator('[data-testid="rating-row"]').filter({ has: page.getByRole('link', { name }) });
  const expected = [
    ['г.Бузулук', '1', '▲ +2 (поднялся, было 3)'],
    ['г.Медногорск', '2', '▲ +2 (поднялся, было 4)'],
    ['г.Новотроицк', '3', '▼ −1 (опустился, было 2)'],
    ['г.Орск', '4', '▼ −3 (опустился, было 1)'],
  ] as const;
  for (const [name, place, change] of expected) {
    await expect(row(name).locator('td').nth(0)).toHaveText(place);
    await expect(row(name).locator('td').nth(1)).toHaveText(change);
  }
});
