import { useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';
import type { Route } from '../routing/match-route.js';
import { SessionMenu } from './session-menu.js';

const SECTIONS = [
  { page: 'rating', href: '/rating', label: 'Рейтинг' },
  { page: 'plan', href: '/plan', label: 'Выполнение плана' },
] as const;

/** Sections for signed-in staff only (the server checks every request again). */
const STAFF_SECTIONS = [
  { page: 'import', href: '/data/import', label: 'Импорт' },
  { page: 'entry', href: '/data/entry', label: 'Ввод данных' },
  { page: 'collection', href: '/data/collection', label: 'Сбор данных' },
  { page: 'values', href: '/data/values', label: 'Значения' },
  { page: 'measures', href: '/data/measures', label: 'Мероприятия' },
  { page: 'measure-summary', href: '/data/measure-summary', label: 'Сводка по мероприятиям' },
] as const;

/** For the department (analysts and administrators): computing and publishing the rating. */
const DEPARTMENT_SECTIONS = [
  { page: 'rating-manage', href: '/data/ratings', label: 'Расчёт рейтинга' },
] as const;

export function SiteHeader({ route }: { route: Route }) {
  const session = useSession();
  const role = session?.authenticated ? session.user.role : null;
  const sections = [
    ...SECTIONS,
    ...(role === null ? [] : STAFF_SECTIONS),
    ...(role === 'analyst' || role === 'administrator' ? DEPARTMENT_SECTIONS : []),
  ];
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__name">munirank</span>
          <span className="brand__tagline">
            {' '}
            — рейтинг цифрового развития муниципальных образований
          </span>
        </Link>
        <nav aria-label="Разделы портала" className="site-nav">
          <ul>
            {sections.map((s) => (
              <li key={s.page}>
                <Link href={s.href} aria-current={route.page === s.page ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <SessionMenu />
      </div>
    </header>
  );
}
