import { expect, test } from '@playwright/test';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';
import { signIn } from './sign-in.js';

// February and March 2019: no other spec writes data of those months. Three towns, min–max:
// with equal weights Орск, Бузулук, Новотроицк; with «Новые регистрации» weighing 3,
// Орск, Новотроицк, Бузулук (worked out in test/http/methodology-versions-api.test.ts).
// Then «Всего зарегистрированных» goes and rating_2016 (weight 1) comes: in February
// esia_new gives Бузулук 0, Орск 100, Новотроицк 50 and rating_2016 (0,2; 0,6; 1,0) gives
// 0, 50, 100, so Новотроицк's index is (3·50 + 100)/4 = 62,50, second after Орск (87,50).
const CODE = 'e2e-editor';
const V1 = {
  ...methodologyOf(CODE, 'Регистрации в ЕСИА (редактор)', [
    indicatorNode('esia_new', 'Новые регистрации', { method: 'min-max' }),
    indicatorNode('esia_total', 'Всего зарегистрированных', { method: 'min-max' }),
  ]),
  effectiveFrom: '2019-01',
};
const ROWS = [
  ['г.Бузулук', 100, 1000, { '2019-02': 0.2, '2019-03': 0.9 }],
  ['г.Орск', 300, 250, { '2019-02': 0.6, '2019-03': 0.5 }],
  ['г.Новотроицк', 200, 0, { '2019-02': 1, '2019-03': 0.1 }],
] as const;

test('an analyst reshapes the tree, sets a threshold, previews a chosen month and saves a version', async ({
  page,
}) => {
  await signIn(page, 'demo-analyst');
  const csrf = (await (await page.request.get('/api/session')).json()).csrfToken;
  const headers = { 'x-csrf-token': csrf };
  const lines = (['2019-02', '2019-03'] as const).flatMap((p) =>
    ROWS.flatMap(([name, a, b, rating]) => [
      `${name}\tesia_new\t${p}\t${a}`,
      `${name}\tesia_total\t${p}\t${b}`,
      `${name}\trating_2016\t${p}\t${rating[p]}`,
    ]),
  );
  const imported = await page.request.post('/api/imports', {
    headers,
    data: {
      fileName: 'esia-2019.txt',
      text: `ОМСУ\tПоказатель\tПериод\tЗначение\n${lines.join('\n')}\n`,
    },
  });
  expect((await imported.json()).outcome).toBe('committed');
  const first = await page.request.post(`/api/methodologies/${CODE}/versions`, {
    headers,
    data: { definition: V1, changeNote: 'Первая версия', effectiveFrom: '2019-01' },
  });
  expect(first.status()).toBe(201);

  await page
    .getByRole('navigation', { name: 'Разделы портала' })
    .getByRole('link', { name: 'Методики' })
    .click();
  await page.getByRole('link', { name: 'Регистрации в ЕСИА (редактор)' }).click();
  await expect(page.getByRole('heading', { name: `Методика «${CODE}»`, level: 1 })).toBeVisible();
  const preview = page.getByTestId('editor-preview');
  const shiftOf = (code: string) =>
    preview.locator(`[data-municipality="${code}"] [data-testid="preview-shift"]`);
  await expect(shiftOf('orsk-city')).toHaveText('0');

  // A weight of −1 is named beside the field, which points at the message; 3 shows the new
  // places at once.
  const weight = page.getByLabel('Вес «Новые регистрации»');
  await weight.fill('-1');
  await expect(page.locator('[data-path="/tree/children/0/weight"]')).toHaveText(
    'вес должен быть неотрицательным числом',
  );
  await expect(weight).toHaveAttribute('aria-describedby', 'problem-tree-children-0-weight');
  await expect(page.locator('#problem-tree-children-0-weight')).toHaveText(
    'вес должен быть неотрицательным числом',
  );
  await weight.fill('3');
  await expect(
    page.locator('[data-code="esia_new"] [data-testid="weight-share"]').first(),
  ).toHaveText('доля 75,0 %');
  await expect(shiftOf('novotroitsk-city')).toContainText('▲ 1');
  await expect(shiftOf('buzuluk-city')).toContainText('▼ 1');
  await expect(preview).toContainText('Данные за 2019-03');

  // rating_2016 comes from the registry, «Всего зарегистрированных» goes; a threshold is set.
  await page.getByLabel('Добавить показатель в «Индекс»').selectOption('rating_2016');
  await page.getByRole('button', { name: 'Удалить «Всего зарегистрированных»' }).click();
  const nodes = page.getByTestId('methodology-tree').getByTestId('tree-node');
  await expect(nodes).toHaveCount(3);
  expect(await nodes.evaluateAll((ns) => ns.map((n) => n.getAttribute('data-code')))).toEqual([
    'INDEX',
    'esia_new',
    'rating_2016',
  ]);
  await expect(page.locator('[data-code="rating_2016"] [data-testid="weight-share"]')).toHaveText(
    'доля 25,0 %',
  );
  // rating_2016 moves above esia_new: the first can go no higher, the last no lower.
  const rating2016 = page.locator('[data-testid="tree-node"][data-code="rating_2016"]');
  await expect(rating2016.getByRole('button', { name: /» ниже$/ })).toBeDisabled();
  await rating2016.getByRole('button', { name: /» выше$/ }).click();
  expect(await nodes.evaluateAll((ns) => ns.map((n) => n.getAttribute('data-code')))).toEqual([
    'INDEX',
    'rating_2016',
    'esia_new',
  ]);
  await expect(rating2016.getByRole('button', { name: /» выше$/ })).toBeDisabled();
  // the focus stayed with the moved node, on the button it can still use
  await expect(rating2016.getByRole('button', { name: /» ниже$/ })).toBeFocused();
  // each registered leaf links to its passport on «Показатели»
  await expect(rating2016.getByTestId('passport-link')).toHaveAttribute(
    'href',
    '/data/indicators?code=rating_2016',
  );
  await page.getByRole('button', { name: 'Добавить: порог' }).click();
  await page.getByLabel('порог 1: от').fill('50');
  await page.getByLabel('порог 1: подпись').fill('высокий уровень');

  // February instead of the latest month: Новотроицк 62,50, second, one place up.
  await page.getByTestId('preview-period').fill('2019-02');
  await expect(preview).toContainText('Данные за 2019-02');
  const novotroitsk = preview.locator('[data-municipality="novotroitsk-city"] td');
  await expect(novotroitsk.nth(1)).toHaveText('62,50');
  await expect(novotroitsk.nth(0)).toHaveText('2');
  await expect(shiftOf('novotroitsk-city')).toContainText('▲ 1');

  await page.getByTestId('change-note').fill('Новые регистрации важнее');
  await page.getByTestId('effective-from').fill('2019-03');
  await page.getByRole('button', { name: 'Сохранить версию' }).click();
  const v2 = page.locator('[data-testid="version-row"][data-version="2"]');
  await expect(v2).toContainText('2019-03');
  await expect(v2).toContainText('Новые регистрации важнее');
  const saved = await (await page.request.get(`/api/methodologies/${CODE}/versions/2`)).json();
  expect(
    saved.tree.children.map((c: { code: string; weight: number }) => [c.code, c.weight]),
  ).toEqual([
    ['rating_2016', 1],
    ['esia_new', 3],
  ]);
  expect(saved.colourThresholds).toEqual([
    { from: 50, colour: '#2e7d32', label: 'высокий уровень' },
  ]);

  // The next computation, for March, uses version 2; February still version 1.
  const compute = async (period: string) =>
    (
      await page.request.post('/api/ratings', {
        headers,
        data: {
          code: `${CODE}-${period}`,
          title: period,
          period,
          asOf: '2019-04-01',
          methodology: { code: CODE },
        },
      })
    ).json();
  expect((await compute('2019-02')).methodology.version).toBe('1');
  expect((await compute('2019-03')).methodology.version).toBe('2');

  // The passport link opens the indicator on «Показатели».
  await page.goto('/data/indicators?code=esia_new');
  await expect(page.getByLabel('Показатель', { exact: true })).toHaveValue('esia_new');
  await expect(
    page.getByRole('heading', { name: 'Количество регистраций в ЕСИА за месяц' }),
  ).toBeVisible();
});
