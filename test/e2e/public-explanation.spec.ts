import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { signIn } from './sign-in.js';

/** Table 1's two columns, equally weighted; ЕСИА carries its unit in the passport. */
const METHODOLOGY = methodologyOf('e2e-public-explanation', 'Значение рейтинга и ЕСИА', [
  RATING_VALUE,
  { ...ESIA_PER_1000, passport: { unit: 'чел. на 1000 жителей', periodicity: 'on_date' } },
]);
const code = `e2e-public-${Date.now().toString(36)}`;

// A published computed rating, made through the API by the demo analyst (the staff pages
// have their own test).
test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const login = await api.post('/api/session/login', {
    data: { username: 'demo-analyst', password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const headers = { 'x-csrf-token': (await login.json()).csrfToken };
  const computed = await api.post('/api/ratings', {
    headers,
    data: {
      code,
      title: 'Публичный рейтинг с объяснениями',
      period: '2016-03-01',
      asOf: '2016-04-01',
      methodology: METHODOLOGY,
    },
  });
  expect(computed.status()).toBe(201);
  const published = await api.post(`/api/ratings/${code}/publish`, { headers, data: {} });
  expect(published.status()).toBe(200);
  await api.dispose();
});

test('anyone opens a municipality’s explanation on the public rating page', async ({ page }) => {
  await page.goto(`/data/rating/${code}`);
  await expect(page.getByTestId('rating-table')).toHaveAttribute('data-snapshot', code);
  await expect(page.getByTestId('unit-explanation')).toHaveCount(0);

  // By keyboard: the row's button, then focus moves to the explanation's title.
  const button = page.getByRole('button', { name: 'Объяснение: г.Орск' });
  await button.focus();
  await page.keyboard.press('Enter');
  const explanation = page.getByTestId('unit-explanation');
  await expect(explanation.getByRole('heading', { name: 'Объяснение: г.Орск' })).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  // г.Орск: (31,3 + 100·(14,37 − 4,79)/35,04)/2 = 29,32, 20th below Адамовский район (29,98).
  await expect(explanation.getByTestId('explanation-summary')).toHaveText(
    'Место 20, значение индекса 29,3. Место выше занимает Адамовский район.',
  );
  // 0,313 → 31,3 points × ½; 27,340… points × ½
  await expect(explanation.getByTestId('contribution')).toHaveText(['15,65', '13,67']);
  // Each indicator's own value as the source prints it (a share to three decimals).
  const contributions = explanation.getByRole('table', { name: /Вклад показателей/ });
  await expect(contributions.locator('tbody tr td:first-of-type')).toHaveText([
    '0,313',
    '14,37 чел. на 1000 жителей',
  ]);

  const moveUp = explanation.getByTestId('move-up');
  await expect(moveUp.getByRole('heading', { name: 'Что поднимет место' })).toBeVisible();
  await expect(moveUp.getByTestId('move-up-summary')).toContainText(
    'Чтобы обойти Адамовский район',
  );
  // ЕСИА alone: (31,3 + s)/2 ≥ 29,984 → s ≥ 28,668 → 4,79 + 0,3504 × 28,668 = 14,835
  await expect(moveUp.locator('[data-indicator="esia_per_1000"] td')).toHaveText([
    '14,37 чел. на 1000 жителей',
    '14,84 чел. на 1000 жителей',
    '+0,47 чел. на 1000 жителей',
  ]);
  // The rating value alone: 100·x + 27,340 ≥ 59,968 → x ≥ 0,32628
  await expect(moveUp.locator('[data-indicator="rating_2016"] td')).toHaveText([
    '0,313',
    '0,326',
    '+0,013',
  ]);

  // Closing it gives focus back to the row's button.
  await explanation.getByRole('button', { name: 'Закрыть объяснение' }).click();
  await expect(page.getByTestId('unit-explanation')).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  // The leader has nobody to overtake.
  await page.getByRole('button', { name: 'Объяснение: Соль-Илецкий городской округ' }).click();
  await expect(page.getByTestId('unit-explanation')).toHaveAttribute(
    'data-municipality',
    'sol-iletskiy-go',
  );
  await expect(page.getByTestId('move-up-summary')).toHaveText(
    'Первое место: выше подниматься некуда.',
  );
  await page.getByRole('button', { name: 'Закрыть объяснение' }).click();
  await expect(page.getByTestId('unit-explanation')).toHaveCount(0);
  await expect(page.getByTestId('own-place')).toHaveCount(0);
});

test('a signed-in official sees the own place explained and its history', async ({ page }) => {
  await signIn(page, 'demo-buzuluk');
  await page.goto(`/data/rating/${code}`);

  const own = page.getByTestId('own-place');
  await expect(own.getByRole('heading', { name: 'Ваше место — г.Бузулук' })).toBeVisible();
  await expect(own.getByTestId('own-place-current')).toHaveText('В этом рейтинге: место 18.');
  const history = own.getByTestId('place-history');
  await expect(history.locator(`tr[data-snapshot="${code}"]`)).toHaveAttribute(
    'aria-current',
    'true',
  );
  await expect(history.locator(`tr[data-snapshot="${code}"] td.num`)).toHaveText('18');
  await expect(
    history.locator('tr[data-snapshot="orenburg-2016-03-table1"] [data-testid="history-place"]'),
  ).toHaveText('40');
  await expect(
    history.locator('tr[data-snapshot="orenburg-2022-top10"] [data-testid="history-place"]'),
  ).toHaveText('4–10');
  const ownRow = page.locator('[data-testid="rating-row"][data-municipality="buzuluk-city"]');
  await expect(ownRow).toHaveClass('rating-row--own');
  await expect(ownRow.getByRole('rowheader')).toHaveText('г.Бузулук Ваше место');

  // Opened from the start, without a click.
  const explanation = page.getByTestId('unit-explanation');
  await expect(explanation).toHaveAttribute('data-municipality', 'buzuluk-city');
  await expect(explanation.getByRole('heading', { level: 3 })).toHaveText(
    'Объяснение: г.Бузулук Ваше место',
  );
  await expect(explanation.getByTestId('explanation-summary')).toHaveText(
    'Место 18, значение индекса 32,2. Место выше занимает Асекеевский район.',
  );
  // ЕСИА alone: 4,79 + 0,3504 × (2 × 32,9216 − 7) = 25,409
  const improvements = explanation.getByTestId('improvements');
  await expect(improvements.locator('[data-indicator="esia_per_1000"] td')).toHaveText([
    '24,91 чел. на 1000 жителей',
    '25,41 чел. на 1000 жителей',
    '+0,50 чел. на 1000 жителей',
  ]);
});
