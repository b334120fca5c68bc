import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.js';

// The units are made here (specs share the fixture server's demo), valid only from 2041 so that
// no rating, board or table of another spec counts them.
const FROM = '2041-01-01';
test('an administrator merges two new districts into an okrug; its profile and history show both', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/registry');
  await expect(
    page.getByRole('heading', { name: 'Реестр муниципальных образований' }),
  ).toBeVisible();

  const addUnit = async (code: string, name: string, oktmo: string) => {
    const form = page.getByTestId('registry-add-form');
    await form.getByLabel('Код (латиница, для адресов)').fill(code);
    await form.getByLabel('Наименование').fill(name);
    await form.getByLabel('Вид').selectOption({ label: 'муниципальный район' });
    await form.getByLabel('ОКТМО (8 или 11 цифр)').fill(oktmo);
    await form.getByLabel('Действует с').fill(FROM);
    await form.getByRole('button', { name: 'Добавить ОМСУ' }).click();
  };

  // An ОКТМО of 7 digits is refused, naming the field; nothing is added.
  await addUnit('e2e-north-district', 'Северо-Проверочный район', '5370100');
  await expect(page.getByTestId('registry-add-form').getByRole('alert')).toHaveText(
    'Поле «ОКТМО»: код ОКТМО — 8 или 11 цифр, а здесь 7 цифр: «5370100».',
  );
  await expect(page.locator('[data-code="e2e-north-district"]')).toHaveCount(0);

  await page.getByTestId('registry-add-form').getByLabel('ОКТМО (8 или 11 цифр)').fill('53701000');
  await page
    .getByTestId('registry-add-form')
    .getByRole('button', { name: 'Добавить ОМСУ' })
    .click();
  await expect(page.getByTestId('registry-message')).toHaveText(
    'Добавлено: Северо-Проверочный район.',
  );
  await addUnit('e2e-south-district', 'Южно-Проверочный район', '53702000');
  await expect(page.getByTestId('registry-message')).toHaveText(
    'Добавлено: Южно-Проверочный район.',
  );

  const merge = page.getByTestId('registry-merge-form');
  await merge
    .getByLabel('Предшественники (закрываются накануне даты)')
    .selectOption(['e2e-north-district', 'e2e-south-district']);
  await merge.getByLabel('Код нового ОМСУ').fill('e2e-proverochnyy-okrug');
  await merge.getByLabel('Наименование нового ОМСУ').fill('Проверочный муниципальный округ');
  await merge.getByLabel('Вид').selectOption({ label: 'муниципальный округ' });
  await merge.getByLabel('Дата образования правопреемника').fill('2041-07-01');
  await merge.getByRole('button', { name: 'Объединить' }).click();
  await expect(page.getByTestId('registry-message')).toHaveText(
    'Объединено с 2041-07-01: Северо-Проверочный район, Южно-Проверочный район → Проверочный муниципальный округ.',
  );
  const north = page.locator('[data-code="e2e-north-district"]');
  await expect(north).toContainText('по 2041-06-30');
  await expect(north).toContainText('Проверочный муниципальный округ');

  // The okrug's public profile names both predecessors with links, the merger marked.
  await page.goto('/municipalities/e2e-proverochnyy-okrug');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Проверочный муниципальный округ',
  );
  await expect(page.getByText('Образовано из:')).toContainText(
    'Образовано из: Северо-Проверочный район, Южно-Проверочный район.',
  );
  const lineage = page.getByTestId('lineage');
  await expect(lineage.getByTestId('predecessor')).toHaveCount(2);
  await expect(lineage.getByTestId('merger-mark')).toHaveText([
    'Объединение: вошло в Проверочный муниципальный округ с 01.07.2041 (действовало по 30.06.2041).',
    'Объединение: вошло в Проверочный муниципальный округ с 01.07.2041 (действовало по 30.06.2041).',
  ]);
  await expect(lineage.getByRole('heading', { level: 3 })).toHaveText([
    'Северо-Проверочный район',
    'Южно-Проверочный район',
  ]);

  // A predecessor's own profile points to its successor.
  await lineage.getByRole('link', { name: 'Южно-Проверочный район' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Южно-Проверочный район');
  await expect(page.getByText('Преобразовано: правопреемник')).toContainText(
    'Проверочный муниципальный округ',
  );
});

test('a merger into a unit closed meanwhile is refused in the registry, naming the field', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/registry');
  const add = page.getByTestId('registry-add-form');
  for (const [code, name] of [
    ['e2e-lonely-district', 'Одинокий район'],
    ['e2e-closing-okrug', 'Закрываемый округ'],
  ]) {
    await add.getByLabel('Код (латиница, для адресов)').fill(code as string);
    await add.getByLabel('Наименование').fill(name as string);
    await add.getByLabel('Действует с').fill(FROM);
    await add.getByRole('button', { name: 'Добавить ОМСУ' }).click();
    await expect(page.getByTestId('registry-message')).toHaveText(`Добавлено: ${name}.`);
  }
  const merge = page.getByTestId('registry-merge-form');
  await merge
    .getByLabel('Предшественники (закрываются накануне даты)')
    .selectOption(['e2e-lonely-district']);
  await merge.getByLabel('Правопреемник из реестра').selectOption('e2e-closing-okrug');
  // Another administrator closes the successor meanwhile; this page still offers it.
  const closed = await page.evaluate(async () => {
    const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/municipalities/e2e-closing-okrug/close', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ validTo: '2041-03-31' }),
    });
    return res.status;
  });
  expect(closed).toBe(200);
  await merge.getByLabel('Дата образования правопреемника').fill('2041-07-01');
  await merge.getByRole('button', { name: 'Объединить' }).click();
  await expect(merge.getByRole('alert')).toHaveText(
    'Поле «правопреемник»: «Закрываемый округ» само закрыто (действовало по 2041-03-31): объединять можно только в действующее ОМСУ.',
  );
  // Nothing stored: the district is still open.
  await page.reload();
  const lonely = page.locator('[data-code="e2e-lonely-district"]');
  await expect(lonely).toContainText('с 2041-01-01');
  await expect(lonely).not.toContainText('по 2041');
});

test('an administrator makes a group, puts a new unit in it and corrects its ОКТМО', async ({
  page,
}) => {
  await signIn(page, 'demo-admin');
  await page.goto('/admin/registry');
  const groups = page.getByTestId('registry-group-form');
  await groups.getByLabel('Код группы (латиница)').fill('e2e-curator-ivanov');
  await groups.getByLabel('Название группы').fill('Куратор Иванов');
  await groups.getByRole('button', { name: 'Создать группу' }).click();
  await expect(page.getByTestId('registry-message')).toHaveText(
    'Группа «Куратор Иванов» создана: включите в неё ОМСУ полем «Группы».',
  );
  const add = page.getByTestId('registry-add-form');
  await add.getByLabel('Код (латиница, для адресов)').fill('e2e-grouped-city');
  await add.getByLabel('Наименование').fill('Группированный город');
  await add.getByLabel('Вид').selectOption({ label: 'город' });
  await add.getByLabel('Действует с').fill(FROM);
  await add.getByRole('button', { name: 'Добавить ОМСУ' }).click();
  await expect(page.getByTestId('registry-message')).toHaveText('Добавлено: Группированный город.');

  const edit = page.getByTestId('registry-edit');
  await edit.getByLabel('ОМСУ').selectOption('e2e-grouped-city');
  await edit.getByLabel('ОКТМО').fill('537030001');
  await edit.getByLabel('Группы (коды через «;»)').fill('e2e-curator-ivanov');
  await edit.getByRole('button', { name: 'Сохранить изменения' }).click();
  await expect(edit.getByRole('alert')).toHaveText(
    'Поле «ОКТМО»: код ОКТМО — 8 или 11 цифр, а здесь 9 цифр: «537030001».',
  );
  await edit.getByLabel('ОКТМО').fill('53703000');
  await edit.getByRole('button', { name: 'Сохранить изменения' }).click();
  await expect(page.getByTestId('registry-message')).toHaveText('Сохранено: Группированный город.');
  const row = page.locator('[data-code="e2e-grouped-city"]');
  await expect(row).toContainText('53703000');
  await expect(row).toContainText('группа e2e-curator-ivanov');
  await expect(page.getByTestId('unit-groups')).toContainText(
    'Куратор Иванов (e2e-curator-ivanov): e2e-grouped-city',
  );
});
