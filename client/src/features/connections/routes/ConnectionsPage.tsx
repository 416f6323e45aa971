import type { WorkspaceDto } from '@coalesce/shared';
import { useOutletContext } from 'react-router';
import { Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { usePartners } from '../../partners/api';
import { capacityOf } from '../../workspaces/capacity';
import { answerableSides } from '../answerable';
import { useConnections } from '../api';
import { ConnectionItem } from '../components/ConnectionItem';
import { ProposeConnectionForm } from '../components/ProposeConnectionForm';

/** Connections: the ones waiting for the reader first, then every other one, each listed once. */
export function ConnectionsPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const me = useMe();
  const list = useConnections(ws.id);
  const partners = usePartners(ws.id);
  const all = partners.data?.items ?? [];
  const names = new Map(all.map((p) => [p.id, p.name]));
  const reps = new Map(all.map((p) => [p.id, p.representatives]));
  const items = (list.data?.items ?? []).map((c) => ({
    c,
    sides: answerableSides(c, capacityOf(ws), (id) => {
      const r = reps.get(id);
      return r ? r.length > 0 : undefined;
    }),
  }));
  const inbox = items.filter((x) => x.sides.length > 0);
  const rest = items.filter((x) => x.sides.length === 0);
  const row = ({ c, sides }: (typeof items)[number]) => (
    <ConnectionItem
      key={c.id}
      c={c}
      ws={ws}
      names={names}
      sides={sides}
      mine={c.proposedBy === me.data?.id}
    />
  );

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-5">
        <h1 className="text-2xl font-semibold">{t('connections.title')}</h1>
        {list.isPending && <Spinner label={t('app.loading')} />}
        {inbox.length > 0 && (
          <section className="space-y-2">
            <h2 className="font-semibold">{t('connections.inbox')}</h2>
            <ul className="space-y-2" data-testid="inbox">
              {inbox.map(row)}
            </ul>
          </section>
        )}
        <section className="space-y-2">
          <h2 className="font-semibold">{t('coalition.connections.others')}</h2>
          {rest.length === 0 ? (
            <p className="text-sm text-slate-500">{t('connections.empty')}</p>
          ) : (
            <ul className="space-y-2" data-testid="connections">
              {rest.map(row)}
            </ul>
          )}
        </section>
      </div>
      <ProposeConnectionForm ws={ws} partners={all.filter((p) => p.status === 'active')} />
    </div>
  );
}
