import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';

const percent = { unit: '%', periodicity: 'annual' };
const goalposts = { method: 'goalposts', lo: 0, hi: 100 };
/** Two shares in %, each already a score (goalposts 0..100): the index is their mean. */
const METHODOLOGY = {
  ...methodologyOf('e2e-number-format', 'Доли в СЭД и ПОС', [
    { ...indicatorNode('sed_signed_share', 'Документы с ЭП', goalposts), passport: percent },
    { ...indicatorNode('pos_level', 'Работа через ПОС', goalposts), passport: percent },
  ]),
  effectiveFrom: '2022',
};
const code = `e2e-format-${Date.now().toString(36)}`;

// Values of 2022 imported and a rating computed and published by the demo analyst, through
// the API: the page under test is the public explanation.
test.beforeAll(async ({ playwright }, testInfo) => {
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const login = await api.post('/api/session/login', {
    data: { username: 'demo-analyst', password: DEMO_PASSWORD },
  });
  const headers = { 'x-csrf-token': (await login.json()).csrfToken };
  const rows = [
    ['г.Бузулук', 'sed_signed_share', '88'],
    ['г.Бузулук', 'pos_level', '60'],
    ['г.Орск', 'sed_signed_share', '30,6'],
    ['г.Орск', 'pos_level', '70'],
    ['Бузулукский район', 'sed_signed_share', '95'],
    ['Бузулукский район', 'pos_level', '94,1'],
  ];
  const text = `ОМСУ\tПоказатель\tПериод\tЗначение\n${rows
    .map(([m, i, v]) => `${m}\t${i}\t2022\t${v}`)
    .join('\n')}\n`;
  const imported = await api.post('/api/imports', {
    headers,
    data: { fileName: 'доли-2022.txt', text },
  });
  expect(imported.status()).toBe(200);
  const computed = await api.post('/api/ratings', {
    headers,
    data: {
      code,
      title: 'Доли 2022',
      period: '2022',
      asOf: '2023-02-16',
      methodology: METHODOLOGY,
    },
  });
  expect(computed.status()).toBe(201);
  expect((await api.post(`/api/ratings/${code}/publish`, { headers, data: {} })).status()).toBe(
    200,
  );
  await api.dispose();
});

test('an explanation prints values with their indicator’s decimals and changes of shares in п. п.', async ({
  page,
}) => {
  await page.goto(`/data/rating/${code}`);
  await page.getByRole('button', { name: 'Объяснение: г.Орск' }).click();
  const explanation = page.getByTestId('unit-explanation');
  // г.Орск: (30,6 + 70)/2 = 50,3, fifth below г.Бузулук: (88 + 60)/2 = 74 (the demo's 2022
  // figures put ЗАТО Комаровский (99,1) and Саракташский район (96,5) at the top, then
  // Бузулукский район: (95 + 94,1)/2 = 94,55).
  await expect(explanation.getByTestId('explanation-summary')).toHaveText(
    'Место 5, значение индекса 50,3. Место выше занимает г.Бузулук.',
  );
  // Both shares are printed with one decimal, as the registry has them: 30,6, not 30,600.
  const contributions = explanation.getByRole('table', { name: /Вклад показателей/ });
  await expect(contributions.locator('tbody tr td:first-of-type')).toHaveText(['30,6 %', '70,0 %']);
  // The share of documents alone: (s + 70)/2 ≥ 74 → s ≥ 78, a change of 47,4 percentage points.
  await expect(
    explanation.getByTestId('improvements').locator('[data-indicator="sed_signed_share"] td'),
  ).toHaveText(['30,6 %', '78,0 %', '+47,4 п. п.']);

  // г.Бузулук's 88 is 88,0, as every value of a share with one decimal.
  await explanation.getByRole('button', { name: 'Закрыть объяснение' }).click();
  await page.getByRole('button', { name: 'Объяснение: г.Бузулук' }).click();
  await expect(
    page.getByRole('table', { name: /Вклад показателей/ }).locator('tbody tr td:first-of-type'),
  ).toHaveText(['88,0 %', '60,0 %']);
});
