import { Navigate, Outlet, useLocation } from 'react-router';
import { Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../api';

/** Routes below need a session; without one the user signs in and comes back here. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) return <Spinner label={t('app.loading')} />;
  if (!me.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Outlet />;
}
