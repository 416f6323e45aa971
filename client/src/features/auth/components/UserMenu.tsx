import { clsx } from 'clsx';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useLogout, useMe } from '../api';

/** Who is signed in and the way out (or the way in); `stacked` for the phone menu. */
export function UserMenu({ stacked = false }: { stacked?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!me.data) {
    return (
      <Link
        to="/login"
        className={clsx(
          'text-sm font-medium text-brand-700 hover:underline',
          stacked && 'block py-2',
        )}
      >
        {t('nav.signIn')}
      </Link>
    );
  }
  return (
    <div className={clsx('flex gap-3', stacked ? 'flex-col items-start' : 'items-center')}>
      <span className="text-sm text-slate-600" data-testid={stacked ? undefined : 'signed-in-as'}>
        {t('auth.signedInAs', { name: me.data.displayName })}
      </span>
      <Button
        variant={stacked ? 'secondary' : 'ghost'}
        size="sm"
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/') })}
      >
        {t('nav.signOut')}
      </Button>
    </div>
  );
}
