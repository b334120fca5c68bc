import { type Permission, reachOf } from '../../../src/domain/access.js';
import { useSession } from '../api/session-store.js';
import { Link } from '../routing/link.js';
import type { Route } from '../routing/match-route.js';
import { SessionMenu } from './session-menu.js';

/**
 * Every section with the permission it needs, from the table the server enforces: each role
 * is offered exactly what it may use (the server checks every request again).
 */
const SECTIONS: readonly {
  page: Route['page'];
  href: string;
  label: string;
  permission: Permission;
}[] = [
  { page: 'rating', href: '/data/rating', label: 'Рейтинг', permission: 'published.read' },
  { page: 'plan', href: '/plan', label: 'Выполнение плана', permission: 'published.read' },
  { page: 'import', href: '/data/import', label: 'Импорт', permission: 'import.write' },
  {
    page: 'entry',
    href: '/data/entry',
    label: 'Ввод данных',
    permission: 'municipality-data.write',
  },
  {
    page: 'collection',
    href: '/data/collection',
    label: 'Сбор данных',
    permission: 'municipality-data.read',
  },
  { page: 'values', href: '/data/values', label: 'Значения', permission: 'municipality-data.read' },
  {
    page: 'reference',
    href: '/data/reference',
    label: 'Справочные данные',
    permission: 'summaries.read',
  },
  {
    page: 'indicators',
    href: '/data/indicators',
    label: 'Показатели',
    permission: 'indicators.manage',
  },
  {
    page: 'measures',
    href: '/data/measures',
    label: 'Мероприятия',
    permission: 'municipality-data.read',
  },
  {
    page: 'measure-summary',
    href: '/data/measure-summary',
    label: 'Сводка по мероприятиям',
    permission: 'summaries.read',
  },
  {
    page: 'commission-report',
    href: '/data/commission-report',
    label: 'Справка для комиссии',
    permission: 'summaries.read',
  },
  {
    page: 'rating-manage',
    href: '/data/ratings',
    label: 'Расчёт рейтинга',
    permission: 'rating.compute',
  },
  { page: 'cycle', href: '/data/cycle', label: 'Цикл месяца', permission: 'rating.compute' },
  {
    page: 'crosscheck',
    href: '/data/crosscheck',
    label: 'Расхождения источников',
    permission: 'data.approve',
  },
  {
    page: 'methodologies',
    href: '/data/methodologies',
    label: 'Методики',
    permission: 'methodology.manage',
  },
];

export function SiteHeader({ route }: { route: Route }) {
  const session = useSession();
  const role = session?.authenticated ? session.user.role : 'anonymous';
  const sections = SECTIONS.filter((s) => reachOf(role, s.permission) !== null);
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <a href="/" className="brand">
          <span className="brand__name">munirank</span>
          <span className="brand__tagline">
            {' '}
            — рейтинг цифрового развития муниципальных образований
          </span>
        </a>
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
