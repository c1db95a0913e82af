import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { UserMenu } from '@/components/user-menu';
import { InboxNavLink } from '@/features/alerts';
import { managedOrganisations } from '@/features/members';
import { hasRole, OFFICER_OR_STAFF, SCREENING_STAFF, supplierMemberships, useSession } from '@/lib/auth';

// The frame of every page: skip link, header with product name, navigation
// and language switcher, then the page in <main>.
export function AppLayout() {
  const { t } = useTranslation();
  const mainRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  const session = useSession();
  const company = supplierMemberships(session.data)[0];
  const managed = managedOrganisations(session.data)[0];

  // After client-side navigation, move focus to the new page (as a full page
  // load would) so keyboard and screen-reader users start at its content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/notices" className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__name">{t('app.name')}</span>
          </Link>
          <nav className="main-nav" aria-label={t('layout.mainNavigation')}>
            <ul className="main-nav__list">
              <li>
                <NavLink to="/notices" className="main-nav__link">
                  {t('nav.notices')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/events" className="main-nav__link">
                  {t('events.nav')}
                </NavLink>
              </li>
              {company ? (
                <li>
                  <NavLink to="/for-you" className="main-nav__link">
                    {t('alerts.nav.forYou')}
                  </NavLink>
                </li>
              ) : null}
              {session.data?.user ? (
                <li>
                  <InboxNavLink />
                </li>
              ) : null}
              {company ? (
                <li>
                  <NavLink to={`/suppliers/${encodeURIComponent(company.organisation)}/profile`} className="main-nav__link">
                    {t('nav.company')}
                  </NavLink>
                </li>
              ) : null}
              {company ? (
                <li>
                  <NavLink to="/bids" className="main-nav__link">
                    {t('bidding.nav.myBids')}
                  </NavLink>
                </li>
              ) : null}
              {hasRole(session.data, OFFICER_OR_STAFF) ? (
                <li>
                  <NavLink to="/directory" className="main-nav__link">
                    {t('nav.directory')}
                  </NavLink>
                </li>
              ) : null}
              {hasRole(session.data, ['agency_officer', 'committee_member', 'evaluator']) ? (
                <li>
                  <NavLink to="/manage/tenders" className="main-nav__link">
                    {t('tenders.nav')}
                  </NavLink>
                </li>
              ) : null}
              {managed ? (
                <li>
                  <NavLink to={`/organisations/${encodeURIComponent(managed.organisation)}/members`} className="main-nav__link">
                    {t('members.nav')}
                  </NavLink>
                </li>
              ) : null}
              {hasRole(session.data, SCREENING_STAFF) ? (
                <li>
                  <NavLink to="/sanctions/reviews" className="main-nav__link">
                    {t('nav.sanctions')}
                  </NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <LanguageSwitcher />
          <UserMenu />
        </div>
      </header>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t('layout.footer')}</p>
      </footer>
    </div>
  );
}
