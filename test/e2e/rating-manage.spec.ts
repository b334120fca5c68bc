import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ESIA_PER_1000, methodologyOf, RATING_VALUE } from '../support/rating-methodologies.js';
import { signIn } from './sign-in.js';

/** Table 1's two columns equally weighted: its value on goalposts 0..1, ЕСИА per 1000 min–max. */
const METHODOLOGY = methodologyOf('e2e-table1', 'Проверочная методика по Таблице №1', [
  RATING_VALUE,
  ESIA_PER_1000,
]);

test('an analyst computes a draft, reads a unit’s explanation, publishes it, finds it on /rating and corrects it', async ({
  page,
}) => {
  const file = join(mkdtempSync(join(tmpdir(), 'munirank-e2e-m-')), 'e2e-table1.json');
  writeFileSync(file, JSON.stringify(METHODOLOGY), 'utf8');
  const code = `e2e-${Date.now().toString(36)}`;

  await signIn(page, 'demo-analyst');

  await page.getByRole('link', { name: 'Расчёт рейтинга' }).click();
  await expect(page).toHaveURL(/\/data\/ratings$/);
  // The demo's published Table 1 is listed, taken from its document.
  await expect(
    page.locator('[data-testid="staff-snapshot-row"][data-code="orenburg-2016-03-table1"]'),
  ).toContainText('из документа');

  // No methodology is stored yet: the form reads one from a file.
  const form = page.getByTestId('compute-form');
  await form.getByTestId('compute-methodology').selectOption('file');
  await form.getByTestId('compute-methodology-file').setInputFiles(file);
  await form.getByTestId('compute-period').fill('2016-03-01');
  await form.getByTestId('compute-as-of').fill('2016-03-01');
  await form.getByTestId('compute-title').fill('Проверочный рейтинг на 01.03.2016');
  await form.getByTestId('compute-code').fill(code);
  await form.getByRole('button', { name: 'Рассчитать черновик' }).click();

  const review = page.getByTestId('snapshot-review');
  await expect(review.getByTestId('review-status')).toContainText('Черновик');
  await expect(
    page.locator(`[data-testid="staff-snapshot-row"][data-code="${code}"]`),
  ).toContainText('черновик');
  const first = review.locator('[data-testid="rating-row"]').first();
  await expect(first).toHaveAttribute('data-municipality', 'sol-iletskiy-go');

  // Саракташский район, second: what it takes to overtake Соль-Илецкий.
  await review.getByRole('button', { name: 'Объяснение: Саракташский район' }).click();
  const explanation = page.getByTestId('unit-explanation');
  await expect(explanation.getByTestId('explanation-summary')).toHaveText(
    'Место 2, значение индекса 71,3. Место выше занимает Соль-Илецкий городской округ.',
  );
  // 0,425 on goalposts 0..1 → 42,5 points × weight ½ = 21,25; ЕСИА is the maximum: 100 × ½
  await expect(explanation.getByTestId('contribution')).toHaveText(['21,25', '50,00']);
  // to overtake by the rating value alone: (100·x + 100)/2 ≥ 71,394 → x ≥ 0,42788
  await expect(
    explanation.getByTestId('improvements').locator('[data-indicator="rating_2016"] td'),
  ).toHaveText(['0,4250', '0,4279', '+0,0029']);

  await review.getByTestId('publish-button').click();
  await expect(page.getByRole('alertdialog')).toContainText('больше не изменится');
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('review-status')).toContainText('Опубликован');

  await page.getByRole('link', { name: 'открыть на странице «Рейтинг»' }).click();
  await expect(page).toHaveURL(new RegExp(`/data/rating/${code}$`));
  const table = page.getByTestId('rating-table');
  await expect(table).toHaveAttribute('data-snapshot', code);
  await expect(table.locator('[data-testid="rating-row"]').first()).toHaveAttribute(
    'data-municipality',
    'sol-iletskiy-go',
  );
  await expect(page.getByTestId('snapshot-select')).toContainText(
    'Проверочный рейтинг на 01.03.2016',
  );

  // A correction: a new snapshot linked to the published one, with its errata note.
  await page.goto('/data/ratings');
  await page.getByRole('button', { name: `Открыть снимок ${code}` }).click();
  await page.getByTestId('correct-button').click();
  const errataForm = page.getByTestId('snapshot-review').getByTestId('compute-form');
  await expect(errataForm.getByTestId('compute-code')).toHaveValue(`${code}-r1`);
  await expect(errataForm.getByTestId('compute-period')).toHaveValue('2016-03-01');
  await errataForm.getByTestId('errata-note').fill('Уточнены регистрации в ЕСИА');
  await errataForm.getByRole('button', { name: 'Рассчитать исправление' }).click();
  // The same methodology over the same data would correct nothing: refused with the reason.
  await expect(errataForm.getByTestId('compute-error')).toContainText(
    `Исправление не отличается от снимка «${code}»`,
  );
  const corrected = join(mkdtempSync(join(tmpdir(), 'munirank-e2e-m-')), 'e2e-table1-v2.json');
  writeFileSync(
    corrected,
    JSON.stringify({
      ...METHODOLOGY,
      version: 2,
      tree: { ...METHODOLOGY.tree, children: [RATING_VALUE] },
    }),
    'utf8',
  );
  await errataForm.getByTestId('compute-methodology').selectOption('file');
  await errataForm.getByTestId('compute-methodology-file').setInputFiles(corrected);
  await errataForm.getByRole('button', { name: 'Рассчитать исправление' }).click();
  await expect(page.getByTestId('errata-supersedes')).toContainText(
    'Исправление (errata) рейтинга «Проверочный рейтинг на 01.03.2016»: Уточнены регистрации в ЕСИА',
  );
  await page.getByTestId('publish-button').click();
  await page.getByTestId('publish-confirm').click();
  await expect(page.getByTestId('review-status')).toContainText('Опубликован');

  await page.goto(`/data/rating/${code}`);
  await expect(page.getByTestId('errata-corrected-by')).toContainText(
    'Уточнены регистрации в ЕСИА. Исправленный рейтинг — «Проверочный рейтинг на 01.03.2016».',
  );
  await page.getByTestId('errata-corrected-by').getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/data/rating/${code}-r1$`));
  await expect(page.getByTestId('errata-supersedes')).toContainText('Уточнены регистрации в ЕСИА');
});
