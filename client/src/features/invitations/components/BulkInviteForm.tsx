import type { WorkspaceDto } from '@coalesce/shared';
import { useMemo, useState, type FormEvent } from 'react';
import type { PartnerDto as Partner } from '@coalesce/shared';
import { Button, ErrorNote, Field, Textarea } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useCreateInvitation } from '../api';
import { parseBulkInvites, type BulkLine } from '../bulk';

type Result = { line: number; email: string; ok: boolean; message?: string };

/** Many members at once, each optionally as a partner's representative; one result per line. */
export function BulkInviteForm({ ws, partners }: { ws: WorkspaceDto; partners: Partner[] }) {
  const { t } = useI18n();
  const create = useCreateInvitation(ws.id);
  const [text, setText] = useState('');
  const [results, setResults] = useState<Result[]>([]);
  const [busy, setBusy] = useState(false);
  const [empty, setEmpty] = useState(false);
  const lines = useMemo(() => parseBulkInvites(text, partners), [text, partners]);
  const bad = lines.filter((l): l is Extract<BulkLine, { ok: false }> => !l.ok);
  const good = lines.filter((l): l is Extract<BulkLine, { ok: true }> => l.ok);

  const lineError = (l: Extract<BulkLine, { ok: false }>) =>
    t('coalition.invite.lineError', {
      line: l.line,
      message:
        l.error === 'email'
          ? t('coalition.invite.errorEmail', { text: l.text })
          : l.error === 'partner'
            ? t('coalition.invite.errorPartner', { name: l.partnerName ?? '' })
            : t('coalition.invite.errorDuplicate', { email: l.email ?? '' }),
    });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (good.length === 0) return setEmpty(true);
    if (bad.length) return;
    setBusy(true);
    const out: Result[] = [];
    // One at a time, so the results read in the order of the lines.
    for (const l of good) {
      try {
        await create.mutateAsync({ email: l.email, role: 'member', partnerId: l.partnerId });
        out.push({ line: l.line, email: l.email, ok: true });
      } catch (err) {
        out.push({ line: l.line, email: l.email, ok: false, message: (err as Error).message });
      }
      setResults([...out]);
    }
    setBusy(false);
    // Keep only the lines that failed, to fix and send again.
    const failed = new Set(out.filter((r) => !r.ok).map((r) => r.email));
    setText(
      good
        .filter((l) => failed.has(l.email))
        .map((l) => l.email + (l.partnerName ? `, ${l.partnerName}` : ''))
        .join('\n'),
    );
  };

  return (
    <form
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      className="space-y-3"
      aria-label={t('coalition.invite.bulk')}
    >
      <Field
        label={t('coalition.invite.bulkLabel')}
        hint={t('coalition.invite.bulkHint')}
        error={empty && lines.length === 0 ? t('coalition.invite.noLines') : undefined}
      >
        {(p) => (
          <Textarea
            {...p}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setEmpty(false);
              setResults([]);
            }}
          />
        )}
      </Field>
      {bad.length > 0 && (
        <ErrorNote>
          <span className="font-medium">{t('coalition.invite.bulkCheck')}</span>
          {bad.map((l) => (
            <span key={l.line} className="block">
              {lineError(l)}
            </span>
          ))}
        </ErrorNote>
      )}
      <Button type="submit" disabled={busy || bad.length > 0}>
        {good.length === 1
          ? t('coalition.invite.bulkSubmitOne')
          : t('coalition.invite.bulkSubmit', { n: good.length })}
      </Button>
      {results.length > 0 && (
        <div>
          <h4 className="text-sm font-medium">{t('coalition.invite.resultsTitle')}</h4>
          <ul className="text-sm" data-testid="bulk-results">
            {results.map((r) => (
              <li key={r.line} className={r.ok ? 'text-emerald-700' : 'text-rose-700'}>
                {r.ok
                  ? t('coalition.invite.resultSent', { email: r.email })
                  : t('coalition.invite.resultFailed', {
                      email: r.email,
                      message: r.message ?? '',
                    })}
              </li>
            ))}
          </ul>
          {results.some((r) => r.ok) && (
            <p className="mt-2 text-sm text-slate-600">{t('coalition.invite.resultsAfter')}</p>
          )}
        </div>
      )}
    </form>
  );
}
