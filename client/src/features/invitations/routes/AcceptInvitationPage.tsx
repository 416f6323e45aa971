import { Link, useNavigate, useParams } from 'react-router';
import { Button, Card, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useAcceptInvitation, useInvitationPreview } from '../api';
import { explainInvitationError } from '../explain';

export function AcceptInvitationPage() {
  const { token = '' } = useParams();
  const { t, tx } = useI18n();
  const me = useMe();
  const signedIn = Boolean(me.data);
  const preview = useInvitationPreview(token, signedIn);
  const accept = useAcceptInvitation(token);
  const navigate = useNavigate();

  const explain = (err: unknown) => explainInvitationError(err, t);

  if (me.isPending) return <Spinner label={t('app.loading')} />;
  const next = encodeURIComponent(`/invite/${token}`);
  return (
    <div className="mx-auto max-w-md py-8">
      <Card>
        {!signedIn ? (
          <div className="space-y-3">
            <h1 className="text-xl font-semibold">{t('invitations.title')}</h1>
            <p>{t('invitations.signInFirst')}</p>
            <div className="flex gap-3">
              <Link className="font-medium text-brand-700 underline" to={`/login?next=${next}`}>
                {t('nav.signIn')}
              </Link>
              <Link className="font-medium text-brand-700 underline" to={`/register?next=${next}`}>
                {t('nav.register')}
              </Link>
            </div>
          </div>
        ) : preview.isPending ? (
          <Spinner label={t('app.loading')} />
        ) : preview.isError ? (
          <ErrorNote>{explain(preview.error)}</ErrorNote>
        ) : (
          <div className="space-y-4">
            <h1 className="text-xl font-semibold">
              {t('invitations.acceptTitle', { workspace: preview.data.workspaceName })}
            </h1>
            <p>{t('invitations.acceptIntro', { role: tx(`roles.${preview.data.role}`) })}</p>
            {preview.data.status === 'expired' && <ErrorNote>{t('invitations.expired')}</ErrorNote>}
            {preview.data.status === 'accepted' && <ErrorNote>{t('invitations.used')}</ErrorNote>}
            {accept.isError && <ErrorNote>{explain(accept.error)}</ErrorNote>}
            <Button
              disabled={accept.isPending || preview.data.status !== 'pending'}
              onClick={() =>
                accept.mutate(undefined, {
                  onSuccess: () => navigate(`/w/${preview.data.workspaceId}`),
                })
              }
            >
              {t('invitations.accept')}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
