import { canWriteDocuments, type WorkspaceDto } from '@coalesce/shared';
import type { Editor } from '@tiptap/react';
import { useState } from 'react';
import { useOutletContext, useParams } from 'react-router';
import { Badge, ErrorNote, Spinner } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../auth/api';
import { useDocument } from '../api';
import { useCollabSession } from '../collab';
import { preferredColor } from '@coalesce/shared';
import { CollabEditor, type CollabUser } from '../components/CollabEditor';
import { ExportLinks } from '../components/ExportLinks';
import { PresenceList } from '../components/PresenceList';
import { SaveStateNote } from '../components/SaveStateNote';
import { VersionsPanel } from '../components/VersionsPanel';
import { ThreadsPanel } from '../components/ThreadsPanel';
import type { Anchor } from '../anchors/anchors';
import { useSavingIndicator } from '../hooks/useSavingIndicator';
import { saveStateOf } from '../saveState';
import { capacityOf } from '../../workspaces/capacity';

/** The live document: editor, who is here, whether edits are safe, and its versions. */
export function DocumentPage({ documentId }: { documentId?: string }) {
  const ws = useOutletContext<WorkspaceDto>();
  const params = useParams();
  const did = documentId ?? params.did ?? '';
  const { t } = useI18n();
  const me = useMe();
  const doc = useDocument(ws.id, did);
  const { session, status, synced, refusal } = useCollabSession(did, ws.id);
  const [peers, setPeers] = useState<CollabUser[]>([]);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [draft, setDraft] = useState<Anchor | null>(null);
  const { saving, onLocalChange } = useSavingIndicator();
  const readOnly = !canWriteDocuments(capacityOf(ws));
  const user: CollabUser = {
    name: me.data?.displayName ?? '?',
    color: preferredColor(me.data?.id ?? '?'),
  };

  if (doc.isPending) return <Spinner label={t('app.loading')} />;
  if (doc.isError) return <ErrorNote>{t('app.notFound')}</ErrorNote>;

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
            <SaveStateNote state={saveStateOf({ status, synced, saving })} refusal={refusal} />
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
            onEditor={setEditor}
            onComment={readOnly ? undefined : setDraft}
          />
        ) : (
          <Spinner label={t('app.loading')} />
        )}
      </div>
      <div className="min-w-0 space-y-6">
        <ThreadsPanel
          wid={ws.id}
          did={did}
          editor={editor}
          draft={draft}
          onDraftDone={() => setDraft(null)}
        />
        <VersionsPanel wid={ws.id} did={did} canWrite={!readOnly} />
      </div>
    </div>
  );
}

export function VisionPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  if (!ws.visionDocumentId) return <ErrorNote>{t('app.notFound')}</ErrorNote>;
  return <DocumentPage documentId={ws.visionDocumentId} />;
}
