import { expect, test } from '@playwright/test';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { signIn } from './sign-in.js';

const METHODOLOGY = methodologyOf('e2e-uncertainty', 'Значение рейтинга и ЕСИА', [
  RATING_VALUE,
  ESIA_PER_1000,
]);

/** The page's globals used below (this project's Node type check has no DOM library). */
interface PageGlobals {
  document: {
    body: unknown;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  MutationObserver: new (
    callback: () => void,
  ) => { observe(target: unknown, options: Record<string, boolean>): void };
  progressSeen?: string[];
}

test('an analyst runs the rank uncertainty of a computed draft and reads the bands', async ({
  page,
}) => {
  const code = `e2e-mc-${Date.now().toString(36)}`;
  await signIn(page, 'demo-analyst');

  // The draft is computed through the API (the form has its own test), as the analyst.
  const session = await (await page.request.get('/api/session')).json();
  const computed = await page.request.post('/api/ratings', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: {
      code,
      title: 'Черновик для Монте-Карло',
      period: '2016-03-01',
      asOf: '2016-03-01',
      methodology: METHODOLOGY,
    },
  });
  expect(computed.status()).toBe(201);

  await page.goto('/data/ratings');
  // A snapshot taken from a document has no methodology: no uncertainty section.
  await page.getByRole('button', { name: 'Открыть снимок orenburg-2016-03-table1' }).click();
  await expect(page.getByTestId('snapshot-review')).toBeVisible();
  await expect(page.getByTestId('uncertainty-panel')).toHaveCount(0);

  await page.getByRole('button', { name: `Открыть снимок ${code}` }).click();
  const panel = page.getByTestId('uncertainty-panel');
  await expect(panel.getByRole('heading')).toHaveText('Неопределённость мест (Монте-Карло)');
  // Remember every percentage the progress line shows while the run goes on.
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const seen: string[] = [];
    w.progressSeen = seen;
    new w.MutationObserver(() => {
      const text = w.document.querySelector('[data-testid="uncertainty-progress"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(w.document.body, { subtree: true, childList: true, characterData: true });
  });

  // Without weight noise and alternatives every draw repeats the snapshot: bands of width 0.
  await panel.getByTestId('uncertainty-draws').fill('3000');
  await panel.getByTestId('uncertainty-seed').fill('7');
  await expect(panel.getByTestId('uncertainty-noise')).toHaveValue('0,25');
  await panel.getByTestId('uncertainty-noise').fill('0');
  await panel.getByTestId('uncertainty-alternatives').uncheck();
  await panel.getByRole('button', { name: 'Оценить неопределённость' }).click();

  const rows = panel.getByTestId('uncertainty-row');
  // The demo's 42 units and the fixture server's unit with markup in its name.
  await expect(rows).toHaveCount(43);
  await expect(panel.getByTestId('uncertainty-progress')).toHaveCount(0);
  const seen = await page.evaluate(() => (globalThis as unknown as PageGlobals).progressSeen ?? []);
  expect(seen[0]).toBe('0 % — испытаний 0 из 3000');
  // The bar moved while the draws streamed in, not only at the end.
  expect(seen.some((text) => /^[1-9]\d? % — испытаний \d+ из 3000$/.test(text))).toBe(true);
  await expect(panel.getByTestId('uncertainty-settings')).toContainText(
    'Испытаний: 3 000, начальное значение генератора 7, разброс весов ±0 %, только возмущение весов; потоков: 2;',
  );
  await expect(rows.first()).toHaveAttribute('data-municipality', 'sol-iletskiy-go');
  await expect(rows.first().getByTestId('uncertainty-median')).toHaveText('1');
  await expect(rows.first().getByTestId('uncertainty-band')).toHaveText('1–1');
  await expect(rows.nth(1)).toHaveAttribute('data-municipality', 'saraktashskiy-district');
  await expect(rows.nth(1).getByTestId('uncertainty-band')).toHaveText('2–2');
  await expect(rows.first().locator('svg.rank-band')).toHaveAttribute(
    'aria-label',
    'места от 1 до 1, медиана 1',
  );
  // ZATO Komarovsky has no 2016 data: no place, no band, listed after the 41 placed units.
  await expect(rows.nth(40).locator('td').first()).toHaveText('41');
  const komarovsky = panel.locator(
    '[data-testid="uncertainty-row"][data-municipality="komarovsky-zato"]',
  );
  await expect(komarovsky.locator('td').first()).toHaveText('—');
  await expect(komarovsky.getByTestId('uncertainty-band')).toHaveText('—');

  // With the default weight noise and alternatives the places do spread.
  await panel.getByTestId('uncertainty-noise').fill('0,25');
  await panel.getByTestId('uncertainty-alternatives').check();
  await panel.getByRole('button', { name: 'Оценить неопределённость' }).click();
  await expect(panel.getByTestId('uncertainty-settings')).toContainText('разброс весов ±25 %');
  const bands = await panel.getByTestId('uncertainty-band').allTextContents();
  expect(bands.some((b) => /^(\d+)–(\d+)$/.test(b) && b.split('–')[0] !== b.split('–')[1])).toBe(
    true,
  );
});
