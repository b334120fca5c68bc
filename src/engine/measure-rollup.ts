/** Where a measure stands for the commission on a date. */
export type MeasureStanding = 'done' | 'late' | 'not_started' | 'in_progress';

export interface MeasureForRollup {
  municipalityId: number;
  responsibleName: string;
  /** ISO date. */
  deadline: string;
  /** The status of the last quarter reported; null without reports. */
  latestStatus: 'not_started' | 'in_progress' | 'done' | 'not_done' | null;
}

/**
 * A measure reported «выполнено» is done whatever its deadline; otherwise a passed deadline
 * (before `asOf`) makes it late; without a report or reported «не начато» it is not started;
 * the rest («в работе», «не выполнено» before the deadline) is in progress.
 *
 * @example measureStanding({ deadline: '2017-03-31', latestStatus: 'in_progress' }, '2017-04-10') === 'late'
 */
export function measureStanding(
  m: Pick<MeasureForRollup, 'deadline' | 'latestStatus'>,
  asOf: string,
): MeasureStanding {
  if (m.latestStatus === 'done') return 'done';
  if (m.deadline < asOf) return 'late';
  if (m.latestStatus === null || m.latestStatus === 'not_started') return 'not_started';
  return 'in_progress';
}

export interface OfficialRollup {
  municipalityId: number;
  responsibleName: string;
  total: number;
  done: number;
  late: number;
  notStarted: number;
  inProgress: number;
}

const FIELD: Record<MeasureStanding, 'done' | 'late' | 'notStarted' | 'inProgress'> = {
  done: 'done',
  late: 'late',
  not_started: 'notStarted',
  in_progress: 'inProgress',
};

/** Measures counted by standing per municipality and responsible official, in first-seen order. */
export function rollUpByOfficial(measures: MeasureForRollup[], asOf: string): OfficialRollup[] {
  const groups = new Map<string, OfficialRollup>();
  for (const m of measures) {
    const name = m.responsibleName.trim();
    const key = `${m.municipalityId}\u0000${name.toLocaleLowerCase('ru')}`;
    const group = groups.get(key) ?? {
      municipalityId: m.municipalityId,
      responsibleName: name,
      total: 0,
      done: 0,
      late: 0,
      notStarted: 0,
      inProgress: 0,
    };
    group.total += 1;
    group[FIELD[measureStanding(m, asOf)]] += 1;
    groups.set(key, group);
  }
  return [...groups.values()];
}
