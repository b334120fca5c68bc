import { describe, expect, it } from 'vitest';
import { measureStanding, rollUpByOfficial } from './measure-rollup.js';

const AS_OF = '2017-04-10';

describe('measure roll-up for the commission', () => {
  it.each([
    ['2017-03-31', 'done', 'done'],
    ['2017-03-31', 'in_progress', 'late'],
    ['2017-03-31', null, 'late'],
    ['2017-04-10', null, 'not_started'],
    ['2017-06-30', 'not_started', 'not_started'],
    ['2017-06-30', 'in_progress', 'in_progress'],
    ['2017-06-30', 'not_done', 'in_progress'],
  ] as const)('deadline %s, reported %s → %s', (deadline, latestStatus, standing) => {
    expect(measureStanding({ deadline, latestStatus }, AS_OF)).toBe(standing);
  });

  it('counts per municipality and official, one spelling of a name with different case', () => {
    const rows = rollUpByOfficial(
      [
        {
          municipalityId: 1,
          responsibleName: 'Иванова А. П.',
          deadline: '2017-03-01',
          latestStatus: 'done',
        },
        {
          municipalityId: 1,
          responsibleName: 'иванова а. п. ',
          deadline: '2017-03-01',
          latestStatus: null,
        },
        {
          municipalityId: 1,
          responsibleName: 'Петров И. И.',
          deadline: '2017-12-01',
          latestStatus: null,
        },
        {
          municipalityId: 2,
          responsibleName: 'Иванова А. П.',
          deadline: '2017-12-01',
          latestStatus: 'in_progress',
        },
      ],
      AS_OF,
    );
    expect(rows).toEqual([
      {
        municipalityId: 1,
        responsibleName: 'Иванова А. П.',
        total: 2,
        done: 1,
        late: 1,
        notStarted: 0,
        inProgress: 0,
      },
      {
        municipalityId: 1,
        responsibleName: 'Петров И. И.',
        total: 1,
        done: 0,
        late: 0,
        notStarted: 1,
        inProgress: 0,
      },
      {
        municipalityId: 2,
        responsibleName: 'Иванова А. П.',
        total: 1,
        done: 0,
        late: 0,
        notStarted: 0,
        inProgress: 1,
      },
    ]);
  });
});
