import { useSession } from './api/session-store.js';
import { SiteFooter } from './components/site-footer.js';
import { SiteHeader } from './components/site-header.js';
import { AuditPage } from './pages/audit-page.js';
import { BoundariesPage } from './pages/boundaries-page.js';
import { ChangePasswordPage } from './pages/change-password-page.js';
import { CollectionBoardPage } from './pages/collection-board-page.js';
import { CommissionReportPage } from './pages/commission-report-page.js';
import { CrossCheckPage } from './pages/crosscheck-page.js';
import { CyclePage } from './pages/cycle-page.js';
import { EntryPage } from './pages/entry-page.js';
import { ImportPage } from './pages/import-page.js';
import { IndicatorsPage } from './pages/indicators-page.js';
import { LoginPage } from './pages/login-page.js';
import { MeasureSummaryPage } from './pages/measure-summary-page.js';
import { MeasuresPage } from './pages/measures-page.js';
import { MethodologiesPage } from './pages/methodologies-page.js';
import { MethodologyEditorPage } from './pages/methodology-editor-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { PlanPage } from './pages/plan-page.js';
import { RatingManagePage } from './pages/rating-manage-page.js';
import { RatingPage } from './pages/rating-page.js';
import { ReferencePage } from './pages/reference-page.js';
import { RegistryPage } from './pages/registry-page.js';
import { TokensPage } from './pages/tokens-page.js';
import { UsersPage } from './pages/users-page.js';
import { ValuesPage } from './pages/values-page.js';
import { matchRoute } from './routing/match-route.js';
import { useLocationPath } from './routing/use-location-path.js';

export function App() {
  const matched = matchRoute(useLocationPath());
  const session = useSession();
  // A one-time password must be changed before anything else (the server insists as well).
  const route =
    session?.authenticated && session.user.mustChangePassword && matched.page !== 'login'
      ? ({ page: 'password' } as const)
      : matched;
  return (
    <>
      <a className="skip-link" href="#main">
        Перейти к содержимому
      </a>
      <SiteHeader route={route} />
      <main id="main" className="site-main" tabIndex={-1}>
        {route.page === 'rating' ? <RatingPage code={route.code} /> : null}
        {route.page === 'plan' ? <PlanPage code={route.code} /> : null}
        {route.page === 'login' ? <LoginPage /> : null}
        {route.page === 'password' ? <ChangePasswordPage /> : null}
        {route.page === 'admin-users' ? <UsersPage /> : null}
        {route.page === 'admin-tokens' ? <TokensPage /> : null}
        {route.page === 'admin-audit' ? <AuditPage /> : null}
        {route.page === 'admin-boundaries' ? <BoundariesPage /> : null}
        {route.page === 'admin-registry' ? <RegistryPage /> : null}
        {route.page === 'import' ? <ImportPage /> : null}
        {route.page === 'entry' ? <EntryPage /> : null}
        {route.page === 'collection' ? <CollectionBoardPage /> : null}
        {route.page === 'measures' ? <MeasuresPage /> : null}
        {route.page === 'measure-summary' ? <MeasureSummaryPage /> : null}
        {route.page === 'commission-report' ? <CommissionReportPage /> : null}
        {route.page === 'rating-manage' ? <RatingManagePage /> : null}
        {route.page === 'cycle' ? <CyclePage /> : null}
        {route.page === 'crosscheck' ? <CrossCheckPage /> : null}
        {route.page === 'values' ? <ValuesPage /> : null}
        {route.page === 'reference' ? <ReferencePage /> : null}
        {route.page === 'methodologies' ? <MethodologiesPage /> : null}
        {route.page === 'methodology' ? <MethodologyEditorPage code={route.code} /> : null}
        {route.page === 'indicators' ? <IndicatorsPage /> : null}
        {route.page === 'not-found' ? <NotFoundPage /> : null}
      </main>
      <SiteFooter />
    </>
  );
}
