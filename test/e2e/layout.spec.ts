import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.js';

/** Whether the page itself scrolls sideways (a table may scroll inside its own box). */
const pageScrollsSideways = (page: Page) =>
  page
    .locator('html')
    .evaluate((html) => html.scrollWidth > (html.ownerDocument.defaultView?.innerWidth ?? 0));

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector}: not rendered`);
  return found;
};

test('the rating page prints the source note once', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/data/rating/orenburg-2016-03-table1');
  await expect(page.getByTestId('rating-table')).toBeVisible();
  await expect(page.getByText(/^Дата таблицы приведена так, как она напечатана/)).toHaveCount(1);
});

test('Table 2 fits at 1,280 px and scrolls in its own box at 375 px, names pinned', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/plan');
  const scroller = page
    .locator('section.table-scroll')
    .filter({ has: page.getByTestId('plan-table') });
  await expect(page.getByTestId('plan-row')).toHaveCount(4);
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await scroller.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.setViewportSize({ width: 375, height: 800 });
  expect(await pageScrollsSideways(page)).toBe(false);
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // Scrolled to the last column, each row still shows whose figures they are.
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  const name = page.getByTestId('plan-row').first().getByRole('rowheader');
  const [nameBox, scrollerBox] = [await name.boundingBox(), await scroller.boundingBox()];
  expect(Math.round(nameBox?.x ?? -1)).toBe(Math.round((scrollerBox?.x ?? 0) + 1));
});

for (const width of [1280, 375]) {
  test(`the import form's fields do not overlap and its controls are styled at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, 'demo-analyst');
    await page.goto('/data/import');
    const format = await box(page, 'label:has-text("Формат") select');
    const period = await box(page, 'label:has-text("Период значений")');
    const apart =
      format.x + format.width <= period.x + 0.5 || format.y + format.height <= period.y + 0.5;
    expect(apart).toBe(true);
    expect(await pageScrollsSideways(page)).toBe(false);
    // «Разделитель» is drawn like the other fields, the buttons like the site's buttons.
    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate(
          (el, p) => el.ownerDocument.defaultView?.getComputedStyle(el).getPropertyValue(p),
          property,
        );
    expect(await style('label:has-text("Разделитель") select', 'border-radius')).toBe('4px');
    for (const name of ['Предпросмотр', 'Импортировать'])
      await expect(page.getByRole('button', { name })).toHaveClass('button');
    expect(await style('button:has-text("Предпросмотр")', 'background-color')).toBe(
      'rgb(31, 78, 140)',
    );
  });
}
