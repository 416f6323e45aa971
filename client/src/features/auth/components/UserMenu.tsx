import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { NotificationBell } from '../../notifications/components/NotificationBell';
import { useLogout, useMe } from '../api';

export function UserMenu() {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me.data) {
    return (
      <Link to="/login" className="text-sm font-medium text-brand-700 hover:underline">
        {t('nav.signIn')}
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-3">
      <NotificationBell />
      <span className="hidden text-sm text-slate-600 sm:inline" data-testid="signed-in-as">
        {t('auth.signedInAs', { name: me.data.displayName })}
      </span>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}
      >
        {t('nav.signOut')}
      </Button>
    </div>
  );
}
