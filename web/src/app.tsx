import { SiteFooter } from './components/site-footer.js';
import { SiteHeader } from './components/site-header.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PlanPage } from './pages/plan-page.js';
import { RatingPage } from './pages/rating-page.js';
import { matchRoute } from './routing/match-route.js';
import { useLocationPath } from './routing/use-location-path.js';

export function App() {
  const route = matchRoute(useLocationPath());
  return (
    <>
      <a className="skip-link" href="#main">
        Перейти к содержимому
      </a>
      <SiteHeader route={route} />
      <main id="main" className="site-main" tabIndex={-1}>
        {route.page === 'rating' ? <RatingPage code={route.code} /> : null}
        {route.page === 'plan' ? <PlanPage code={route.code} /> : null}
        {route.page === 'not-found' ? <NotFoundPage /> : null}
      </main>
      <SiteFooter />
    </>
  );
}
