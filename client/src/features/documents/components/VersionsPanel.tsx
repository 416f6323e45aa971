import { createDocumentVersionSchema, type DocumentVersionDto } from '@coalesce/shared';
import StarterKit from '@tiptap/starter-kit';
import { EditorContent, useEditor } from '@tiptap/react';
import { useId, useState, type FormEvent } from 'react';
import {
  formValues,
  serverFieldErrors,
  validate,
  type FieldErrors,
} from '../../../components/ui/form';
import { Button, Card, ErrorNote, Field, Input, Select, Spinner } from '../../../components/ui/ui';
import { useDateFormat } from '../../../i18n/dates';
import { useI18n } from '../../../i18n/i18n';
import { useCreateVersion, useRestoreVersion, useVersionDiff, useVersions } from '../api';
import { VersionDiff } from './VersionDiff';

/** A version shown through a read-only editor: the JSON is rendered, never injected as HTML. */
function VersionPreview({ version }: { version: DocumentVersionDto }) {
  const editor = useEditor(
    { editable: false, extensions: [StarterKit], content: version.json as never },
    [version.id],
  );
  return (
    <div
      className="max-h-80 overflow-auto rounded-md bg-slate-50 ring-1 ring-slate-200"
      data-testid="version-preview"
    >
      <EditorContent editor={editor} className="prose-doc px-4 py-2" />
    </div>
  );
}

/** What changed since `from`: against the live text or another version the reader picks. */
function VersionCompare({
  wid,
  did,
  from,
  versions,
  onClose,
}: {
  wid: string;
  did: string;
  from: DocumentVersionDto;
  versions: DocumentVersionDto[];
  onClose(): void;
}) {
  const { t } = useI18n();
  const fmt = useDateFormat();
  const [to, setTo] = useState('current');
  const diff = useVersionDiff(wid, did, from.id, to);
  const selectId = useId();
  const changes = diff.data
    ? diff.data.stats.inserted + diff.data.stats.deleted + diff.data.stats.changed
    : 0;
  return (
    <section
      className="space-y-3 rounded-md ring-1 ring-slate-200 p-3"
      aria-labelledby={`${selectId}-title`}
      data-testid="version-compare"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${selectId}-title`} className="font-semibold">
          {t('documents.compareTitle', { label: from.label })}
        </h3>
        <Button
          variant="ghost"
          size="sm"
          onClick={onClose}
          aria-label={t('documents.closeCompare')}
        >
          ✕
        </Button>
      </div>
      <div className="space-y-1">
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
          {t('documents.compareWith')}
        </label>
        <div className="flex gap-2">
          <Select
            id={selectId}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            className="min-w-0 flex-1"
            data-testid="compare-with"
          >
            <option value="current">{t('documents.currentText')}</option>
            {versions
              .filter((v) => v.id !== from.id)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label} · {fmt.format(new Date(v.createdAt))}
                </option>
              ))}
          </Select>
          {to === 'current' && (
            <Button
              variant="secondary"
              size="sm"
              disabled={diff.isFetching}
              onClick={() => void diff.refetch()}
            >
              {t('documents.refresh')}
            </Button>
          )}
        </div>
      </div>
      {diff.isPending ? (
        <Spinner label={t('documents.diffLoading')} />
      ) : diff.isError ? (
        <ErrorNote>{t('app.notFound')}</ErrorNote>
      ) : (
        <>
          <p className="text-sm text-slate-700" role="status" data-testid="diff-stats">
            {changes === 0
              ? t('documents.diffNone')
              : t('documents.diffStats', {
                  inserted: diff.data.stats.inserted,
                  deleted: diff.data.stats.deleted,
                  changed: diff.data.stats.changed,
                })}
          </p>
          {changes > 0 && <p className="text-xs text-slate-500">{t('documents.diffLegend')}</p>}
          <div className="max-h-[28rem] overflow-auto rounded-md bg-slate-50 py-2 ring-1 ring-slate-200">
            <VersionDiff blocks={diff.data.blocks} />
          </div>
        </>
      )}
    </section>
  );
}

export function VersionsPanel({
  wid,
  did,
  canWrite,
}: {
  wid: string;
  did: string;
  canWrite: boolean;
}) {
  const { t, tx } = useI18n();
  const versions = useVersions(wid, did);
  const create = useCreateVersion(wid, did);
  const restore = useRestoreVersion(wid, did);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [compareId, setCompareId] = useState<string | null>(null);
  const fmt = useDateFormat();
  const preview = versions.data?.items.find((v) => v.id === previewId);
  const compared = versions.data?.items.find((v) => v.id === compareId);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = validate(createDocumentVersionSchema, formValues(form), tx);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data, {
      onSuccess: () => form.reset(),
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">{t('documents.versions')}</h2>
      {canWrite && (
        <form noValidate onSubmit={onSubmit} className="flex items-end gap-2">
          <div className="flex-1">
            <Field label={t('documents.versionLabel')} error={errors.label}>
              {(p) => <Input {...p} name="label" placeholder={t('documents.versionPlaceholder')} />}
            </Field>
          </div>
          <Button type="submit" disabled={create.isPending}>
            {t('documents.saveVersion')}
          </Button>
        </form>
      )}
      {versions.data?.items.length === 0 && (
        <p className="text-sm text-slate-500">{t('documents.noVersions')}</p>
      )}
      <ul className="divide-y divide-slate-100" data-testid="versions">
        {versions.data?.items.map((v) => (
          <li
            key={v.id}
            className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1 py-2 text-sm"
            data-testid="version"
          >
            <span className="min-w-0">
              <span className="block truncate font-medium">{v.label}</span>
              <time className="text-xs text-slate-500" dateTime={v.createdAt}>
                {fmt.format(new Date(v.createdAt))}
              </time>
            </span>
            <span className="flex flex-wrap gap-1">
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setPreviewId(previewId === v.id ? null : v.id)}
              >
                {previewId === v.id ? t('documents.hide') : t('documents.preview')}
              </Button>
              <Button
                variant="ghost"
                size="sm"
                aria-pressed={compareId === v.id}
                onClick={() => setCompareId(compareId === v.id ? null : v.id)}
              >
                {t('documents.compare')}
              </Button>
              {canWrite && (
                <Button
                  variant="secondary"
                  size="sm"
                  disabled={restore.isPending}
                  onClick={() => {
                    if (window.confirm(t('documents.confirmRestore', { label: v.label })))
                      restore.mutate(v.id);
                  }}
                >
                  {t('documents.restore')}
                </Button>
              )}
            </span>
          </li>
        ))}
      </ul>
      {preview && <VersionPreview version={preview} />}
      {compared && (
        <VersionCompare
          key={compared.id}
          wid={wid}
          did={did}
          from={compared}
          versions={versions.data?.items ?? []}
          onClose={() => setCompareId(null)}
        />
      )}
    </Card>
  );
}
