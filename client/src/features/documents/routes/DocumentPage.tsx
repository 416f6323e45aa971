import { canWriteDocuments, CollabCloseCode, type WorkspaceDto } from '@coalesce/shared';
import { clsx } from 'clsx';
import { Download } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { Badge, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useDocument } from '../api';
import { useCollabSession } from '../collab';
import { preferredColor } from '../colors';
import { CollabEditor, type CollabUser } from '../components/CollabEditor';
import { VersionsPanel } from '../components/VersionsPanel';
import { capacityOf } from '../../workspaces/capacity';

function PresenceList({ users }: { users: CollabUser[] }) {
  const { t } = useI18n();
  return (
    <ul
      aria-label={t('documents.presence')}
      className="flex flex-wrap gap-2"
      data-testid="presence"
    >
      {users.map((u, i) => (
        <li
          key={`${u.name}-${i}`}
          className="flex items-center gap-1.5 rounded-full bg-white px-2 py-0.5 text-xs ring-1 ring-slate-200"
        >
          <span
            className="h-2.5 w-2.5 rounded-full"
            style={{ backgroundColor: u.color }}
            aria-hidden
          />
          {u.name}
        </li>
      ))}
    </ul>
  );
}

/** The live text as a file (the server renders it; the session cookie authorises the GET). */
function ExportLinks({ wid, did }: { wid: string; did: string }) {
  const { t } = useI18n();
  const href = (format: 'markdown' | 'html') =>
    `/api/workspaces/${wid}/documents/${did}/export?format=${format}`;
  const link =
    'inline-flex min-h-8 items-center gap-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-slate-300 hover:bg-slate-50';
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="export">
      <span className="text-slate-600">{t('documents.download')}</span>
      <a className={link} href={href('markdown')} download>
        <Download className="h-4 w-4" aria-hidden />
        {t('documents.exportMarkdown')}
      </a>
      <a className={link} href={href('html')} download>
        <Download className="h-4 w-4" aria-hidden />
        {t('documents.exportHtml')}
      </a>
    </div>
  );
}

/** The live document: editor, who is here, whether edits are safe, and its versions. */
export function DocumentPage({ documentId }: { documentId?: string }) {
  const ws = useOutletContext<WorkspaceDto>();
  const params = useParams();
  const did = documentId ?? params.did ?? '';
  const { t } = useI18n();
  const me = useMe();
  const doc = useDocument(ws.id, did);
  const { session, status, synced, refusal } = useCollabSession(did);
  const [peers, setPeers] = useState<CollabUser[]>([]);
  const [saving, setSaving] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const readOnly = !canWriteDocuments(capacityOf(ws));
  const user: CollabUser = {
    name: me.data?.displayName ?? '?',
    color: preferredColor(me.data?.id ?? '?'),
  };

  // The server commits each update before relaying it, within milliseconds; the indicator shows
  // "saving" while local edits are in flight and "saved" once the socket has been quiet.
  const onLocalChange = useCallback(() => {
    setSaving(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaving(false), 400);
  }, []);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  if (doc.isPending) return <Spinner label={t('app.loading')} />;
  if (doc.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;

  const state =
    status === 'refused'
      ? 'refused'
      : status !== 'connected'
        ? 'offline'
        : !synced
          ? 'syncing'
          : saving
            ? 'saving'
            : 'saved';
  const stateText = {
    refused:
      refusal === CollabCloseCode.FORBIDDEN ? t('documents.forbidden') : t('documents.refused'),
    offline: t('documents.offline'),
    syncing: t('documents.syncing'),
    saving: t('documents.saving'),
    saved: t('documents.saved'),
  }[state];

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_20rem]">
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold">
            {/* The system's default title follows the reader's language; a chosen one does not. */}
            {doc.data.titleIsDefault && doc.data.kind === 'vision'
              ? t('nav.vision')
              : doc.data.title}
          </h1>
          <div className="flex items-center gap-3">
            {readOnly && <Badge tone="amber">{t('documents.readOnly')}</Badge>}
            <p
              className="flex items-center gap-1.5 text-sm text-slate-600"
              role="status"
              data-testid="save-state"
              data-state={state}
            >
              <span
                aria-hidden
                className={clsx('h-2 w-2 rounded-full', {
                  'bg-emerald-500': state === 'saved',
                  'bg-sky-500': state === 'saving' || state === 'syncing',
                  'bg-amber-400': state === 'offline',
                  'bg-rose-500': state === 'refused',
                })}
              />
              {stateText}
            </p>
          </div>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <PresenceList users={peers} />
          <ExportLinks wid={ws.id} did={did} />
        </div>
        {session ? (
          <CollabEditor
            key={did}
            session={session}
            user={user}
            readOnly={readOnly}
            onPeers={setPeers}
            onLocalChange={onLocalChange}
          />
        ) : (
          <Spinner label={t('app.loading')} />
        )}
      </div>
      <VersionsPanel wid={ws.id} did={did} canWrite={!readOnly} />
    </div>
  );
}

export function VisionPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  if (!ws.visionDocumentId) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  return <DocumentPage documentId={ws.visionDocumentId} />;
}
