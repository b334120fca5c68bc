import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRegionId } from '../../src/db/repositories/region-repository.js';
import { buildApp } from '../../src/server/app.js';
import { saveEntryForm } from '../../src/server/features/collection/entry-service.js';
import { transitionSubmission } from '../../src/server/features/collection/workflow-service.js';
import { createFixtureUser, openFixtureSession } from '../support/access-fixtures.js';
import { COMPLETE_MONTH, SYSTEM } from '../support/collection-fixtures.js';
import { type TestDatabaseInstance, testDatabases } from '../support/databases.js';
import { createDemoDatabase } from '../support/demo-database.js';
import { indicatorNode, methodologyOf } from '../support/rating-methodologies.js';
import { assertCliBuilt, runCli } from '../support/run-cli.js';

const methodology = methodologyOf('esia-month', 'Регистрации в ЕСИА за месяц', [
  indicatorNode('esia_new', 'Регистрации в ЕСИА за месяц', { method: 'min-max' }),
]);
const CODE = 'cli-2017-04';
const REASON = 'Комиссия 10.05.2017: данные Соль-Илецкого ГО сверены по телефону';

// A draft of April 2017 computed through the API while Соль-Илецкий ГО's form is submitted but
// not approved; the CLI reviews and publishes it on behalf of the analyst «cli-analyst».
describe.each(testDatabases())('munirank rating review and publish on $name', (kind) => {
  let instance: TestDatabaseInstance;
  beforeAll(async () => {
    assertCliBuilt();
    instance = await createDemoDatabase(kind);
    const db = instance.handle.db;
    const app = await buildApp({ db, regionCode: 'orenburg' });
    const analyst = await createFixtureUser(db, 'analyst', { username: 'cli-analyst' });
    await createFixtureUser(db, 'viewer', { username: 'cli-viewer' });
    await createFixtureUser(db, 'analyst', { username: 'cli-temporary', mustChangePassword: true });
    const headers = (await openFixtureSession(db, analyst.id)).headers;
    const text = 'ОМСУ\tПоказатель\tПериод\tЗначение\nг.Бузулук\tesia_new\t2017-04\t900\n';
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers,
      payload: { fileName: 'esia-2017-04.txt', text, sourceSystem: 'ЕСИА' },
    });
    expect(imported.json().outcome).toBe('committed');
    const regionId = (await findRegionId(db, 'orenburg')) ?? -1;
    const unit = 'sol-iletskiy-go';
    await saveEntryForm(db, regionId, unit, '2017-04', { values: COMPLETE_MONTH }, SYSTEM);
    await transitionSubmission(db, regionId, unit, '2017-04', { action: 'submit' }, SYSTEM);
    const computed = await app.inject({
      method: 'POST',
      url: '/api/ratings',
      headers,
      payload: {
        code: CODE,
        title: 'Апрель 2017',
        period: '2017-04',
        asOf: '2017-05-01',
        methodology,
      },
    });
    expect(computed.statusCode).toBe(201);
    await app.close();
  });
  afterAll(async () => instance?.dispose());
  const cli = (...args: string[]) => runCli(['rating', ...args], instance.env);
  const audit = (action: string) =>
    instance.handle.db
      .selectFrom('audit_event')
      .select(['actor_label', 'user_agent', 'entity_id', 'after_json'])
      .where('action', '=', action)
      .execute();

  it('refuses an unknown account, a viewer and an unreviewed draft, then records the review', async () => {
    const nobody = await cli('review', CODE, '--user', 'nobody');
    expect(nobody).toMatchObject({
      code: 1,
      stderr: 'Ошибка: --user: пользователь «nobody» не найден\n',
    });
    const elsewhere = await runCli(['rating', 'review', CODE, '--user', 'cli-analyst'], {
      ...instance.env,
      MUNIRANK_REGION: 'severnaya-oblast',
    });
    expect(elsewhere.stderr).toBe(
      'Ошибка: Регион «severnaya-oblast» не найден в базе: задайте код своего региона в ' +
        'MUNIRANK_REGION (по умолчанию orenburg — регион демо-данных), создайте регион ' +
        '(munirank region create) или загрузите демо-данные (munirank demo load)\n',
    );
    const viewer = await cli('review', CODE, '--user', 'cli-viewer');
    expect(viewer.stderr).toBe(
      'Ошибка: --user: «cli-viewer» (наблюдатель) не может проверять и публиковать рейтинги: это делает аналитик или администратор\n',
    );
    const temporary = await cli('review', CODE, '--user', 'cli-temporary');
    expect(temporary.stderr).toBe(
      'Ошибка: --user: «cli-temporary» ещё не сменил временный пароль: войдите в интерфейс и смените его\n',
    );
    const early = await cli('publish', CODE, '--user', 'cli-analyst');
    expect(early).toMatchObject({
      code: 1,
      stderr: `Ошибка: Снимок «${CODE}» не проверен: публикуется только проверенный черновик — сначала отметьте расчёт проверенным\n`,
    });
    expect(await audit('rating.review')).toEqual([]);

    const done = await cli(
      'review',
      CODE,
      '--remark',
      'Сверено с выгрузкой',
      '--user',
      'cli-analyst',
    );
    expect(done.stderr).toBe('');
    expect(done.stdout).toMatch(
      /^Черновик «cli-2017-04» проверен: cli-analyst, \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d; замечание: Сверено с выгрузкой\n$/,
    );
    const stored = await instance.handle.db
      .selectFrom('snapshot_review')
      .select(['reviewed_by', 'remark'])
      .execute();
    expect(stored).toEqual([{ reviewed_by: 'cli-analyst', remark: 'Сверено с выгрузкой' }]);
    const [event] = await audit('rating.review');
    expect(event).toMatchObject({
      actor_label: 'cli-analyst',
      user_agent: 'munirank CLI',
      entity_id: CODE,
    });
    expect(JSON.parse(event?.after_json ?? '{}').remark).toBe('Сверено с выгрузкой');

    const again = await cli('review', CODE, '--user', 'cli-analyst');
    expect(again.stderr).toMatch(
      /^Ошибка: Снимок «cli-2017-04» уже проверен: cli-analyst, \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d\n$/,
    );
  });

  it('publishes the reviewed draft only with a reason while a form is unapproved, once', async () => {
    const refused = await cli('publish', CODE, '--user', 'cli-analyst');
    expect(refused.stderr).toBe(
      'Ошибка: Нельзя опубликовать: не утверждены данные за апрель 2017 — Соль-Илецкий городской округ. ' +
        'Утвердите их или укажите обоснование публикации (--override-reason).\n',
    );
    expect(await audit('rating.publish')).toEqual([]);

    const published = await cli(
      'publish',
      CODE,
      '--note',
      'Апрель',
      '--override-reason',
      REASON,
      '--user',
      'cli-analyst',
    );
    expect(published).toMatchObject({ code: 0, stdout: `Рейтинг «${CODE}» опубликован.\n` });
    const publication = await instance.handle.db
      .selectFrom('snapshot_publication as p')
      .innerJoin('rating_snapshot as s', 's.id', 'p.snapshot_id')
      .select(['p.published_by', 'p.note', 'p.override_reason'])
      .where('s.code', '=', CODE)
      .execute();
    expect(publication).toEqual([
      { published_by: 'cli-analyst', note: 'Апрель', override_reason: REASON },
    ]);
    const [event] = await audit('rating.publish');
    expect(event?.actor_label).toBe('cli-analyst');
    expect(JSON.parse(event?.after_json ?? '{}').override).toEqual({
      reason: REASON,
      unapproved: ['sol-iletskiy-go'],
    });

    const twice = await cli('publish', CODE, '--user', 'cli-analyst');
    expect(twice.stderr).toBe(`Ошибка: Снимок «${CODE}» уже опубликован\n`);
  });
});
