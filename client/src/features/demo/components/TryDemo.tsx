import { useNavigate } from 'react-router';
import { ApiError } from '../../../api/client';
import { Button, ErrorNote } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreateDemo } from '../api';

/** On the empty networks page: fill a demo network and open it. */
export function TryDemo() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const demo = useCreateDemo();
  const error = demo.error;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">{t('demo.hint')}</p>
      <Button
        variant="secondary"
        disabled={demo.isPending}
        onClick={() =>
          demo.mutate(undefined, { onSuccess: (r) => navigate(`/w/${r.workspaceId}`) })
        }
      >
        {demo.isPending ? t('demo.creating') : t('demo.try')}
      </Button>
      {error && (
        <ErrorNote>
          {error instanceof ApiError && error.status === 429
            ? t('demo.tooMany')
            : error instanceof ApiError && error.status === 404
              ? t('demo.unavailable')
              : t('errors.generic')}
        </ErrorNote>
      )}
    </div>
  );
}
