import { Menu, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { UserMenu } from '../../features/auth/components/UserMenu';
import { useMe } from '../../features/auth/api';
import { NotificationBell } from '../../features/notifications/components/NotificationBell';
import { useI18n } from '../../i18n/i18n';
import { LanguageSwitch } from './LanguageSwitch';

/**
 * Brand, networks, account and language. Below `sm` the account and language fold into a menu
 * (a disclosure button), so the banner fits a 360 px phone; the bell stays visible.
 */
export function AppHeader() {
  const { t } = useI18n();
  const me = useMe();
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();
  // The menu remembers the page it was opened on: following a link closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (o: boolean) => setOpenOn(o ? pathname : null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpenOn(null);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-2 px-4 py-2 sm:gap-4 sm:py-3">
        <div className="flex min-w-0 items-center gap-6">
          <Link to="/" className="flex items-center gap-2 py-1 font-semibold text-slate-900">
            <img src="/favicon.svg" alt="" className="h-7 w-7" />
            <span>{t('app.name')}</span>
          </Link>
          {me.data && (
            <Link
              to="/w"
              className="hidden text-sm font-medium text-slate-700 hover:text-brand-700 sm:inline"
            >
              {t('nav.workspaces')}
            </Link>
          )}
        </div>
        <div className="flex items-center gap-1 sm:gap-3">
          {me.data && <NotificationBell />}
          <div className="hidden items-center gap-3 sm:flex">
            <UserMenu />
            <LanguageSwitch />
          </div>
          <button
            ref={button}
            type="button"
            className="inline-flex min-h-10 min-w-10 items-center justify-center gap-1 rounded-md px-2 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:hidden"
            aria-expanded={open}
            aria-controls={menuId}
            onClick={() => setOpen(!open)}
            data-testid="menu-button"
          >
            {open ? (
              <X className="h-5 w-5" aria-hidden />
            ) : (
              <Menu className="h-5 w-5" aria-hidden />
            )}
            {t('layout.menu')}
          </button>
        </div>
      </div>
      {open && (
        <nav
          id={menuId}
          aria-label={t('layout.menu')}
          className="space-y-3 border-t border-slate-200 px-4 py-3 sm:hidden"
        >
          {me.data && (
            <Link to="/w" className="block py-2 font-medium text-slate-800">
              {t('nav.workspaces')}
            </Link>
          )}
          <UserMenu stacked />
          <LanguageSwitch />
        </nav>
      )}
    </header>
  );
}
