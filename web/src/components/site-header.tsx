import { Link } from '../routing/link.js';
import type { Route } from '../routing/match-route.js';

const SECTIONS = [
  { page: 'rating', href: '/rating', label: 'Рейтинг' },
  { page: 'plan', href: '/plan', label: 'Выполнение плана' },
] as const;

export function SiteHeader({ route }: { route: Route }) {
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
            {SECTIONS.map((s) => (
              <li key={s.page}>
                <Link href={s.href} aria-current={route.page === s.page ? 'page' : undefined}>
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
