import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.js';
import { passport } from '../support/indicator-fixtures.js';
import { openStaffApp, type StaffApp } from '../support/staff-app.js';

/**
 * A JSON body is read as sent: 0 stays 0, null stays null, and a number sent as text is refused
 * naming the field. Query strings, which arrive as text, are still read as numbers.
 */
describe.each(testDatabases())('request bodies on $name', (kind) => {
  let staff: StaffApp;
  beforeAll(async () => {
    staff = await openStaffApp(kind);
  });
  afterAll(async () => staff?.close());

  it('keeps an entered 0 and a null left empty as they were sent', async () => {
    // Both kinds of union: rangeMin tries null first, rangeMax too; a coercing validator
    // turned one of 0 and null into the other whichever came first.
    const created = await staff.call('POST', '/api/indicators', staff.analyst, {
      code: 'rb_zero',
      ...passport({ rangeMin: 0, rangeMax: null, decimals: 0 }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await staff.call('GET', '/api/indicators/rb_zero', staff.analyst);
    expect(read.json()).toMatchObject({ rangeMin: 0, rangeMax: null, decimals: 0 });
  });

  it('refuses a number sent as text, naming the field, and writes nothing', async () => {
    const refused = await staff.call('POST', '/api/indicators', staff.analyst, {
      code: 'rb_text',
      ...passport({ rangeMin: '5' }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('rangeMin');
    const read = await staff.call('GET', '/api/indicators', staff.analyst);
    expect((read.json() as { code: string }[]).map((i) => i.code)).not.toContain('rb_text');
  });

  it('still reads a number in the query string', async () => {
    const log = await staff.call('GET', '/api/imports?limit=1', staff.analyst);
    expect(log.statusCode, log.body).toBe(200);
    expect(await staff.call('GET', '/api/imports?limit=0', staff.analyst)).toMatchObject({
      statusCode: 400,
    });
  });
});
