import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useLogout, useSession } from '@/lib/auth';

// The header's account corner: "Log in" and "Sign up" for visitors; for a
// signed-in user, their name opening a small menu with settings and log-out.
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const id = useId();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !container.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (session.isPending) return <div className="user-menu" />;
  const user = session.data?.user;
  if (!user) {
    const next = pathname.startsWith('/login') || pathname.startsWith('/signup') ? '' : `?next=${encodeURIComponent(pathname)}`;
    return (
      <div className="user-menu">
        <Link to={`/login${next}`} className="main-nav__link">
          {t('userMenu.login')}
        </Link>
        <Link to="/signup" className="button button--small">
          {t('userMenu.signup')}
        </Link>
      </div>
    );
  }
  return (
    <div className="user-menu" ref={container}>
      <button
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        aria-label={t('userMenu.account', { name: user.display_name || user.email })}
        onClick={() => setOpen(!open)}
      >
        <span dir="auto">{user.display_name || user.email}</span>
        <span aria-hidden="true" className="user-menu__caret" />
      </button>
      <ul id={`${id}-menu`} className="user-menu__list" hidden={!open}>
        <li>
          <Link to="/settings" className="user-menu__item">
            {t('userMenu.settings')}
          </Link>
        </li>
        <li>
          <button
            type="button"
            className="user-menu__item"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/notices') })}
          >
            {t('userMenu.logout')}
          </button>
        </li>
      </ul>
    </div>
  );
}
