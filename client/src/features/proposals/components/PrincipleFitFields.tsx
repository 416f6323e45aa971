import type { PrincipleDto as Principle } from '@coalesce/shared';
import { Input } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

/** Per principle: fits, does not fit, or not assessed, with an optional note. */
export function PrincipleFitFields({ principles }: { principles: Principle[] }) {
  const { t } = useI18n();
  if (principles.length === 0) return null;
  return (
    <fieldset>
      <legend className="mb-2 font-semibold">{t('proposals.principleFit')}</legend>
      <ol className="space-y-3">
        {principles.map((pr, i) => (
          <li key={pr.id} className="rounded-md bg-slate-50 p-3">
            <p className="text-sm font-medium">
              {i + 1}. {pr.title}
            </p>
            <div className="mt-1 flex flex-wrap items-center gap-3 text-sm">
              {[
                ['', t('proposals.notAssessed')],
                ['yes', t('proposals.fits')],
                ['no', t('proposals.doesNotFit')],
              ].map(([v, label]) => (
                <label key={v} className="flex items-center gap-1">
                  <input type="radio" name={`fit:${pr.id}`} value={v} defaultChecked={v === ''} />{' '}
                  {label}
                </label>
              ))}
              <Input
                className="max-w-xs"
                name={`fitNote:${pr.id}`}
                placeholder={t('proposals.note')}
                aria-label={t('proposals.note')}
              />
            </div>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

/** Reads the fields above back into the contract's `principleFit`. */
export function readPrincipleFit(form: HTMLFormElement, principles: Principle[]) {
  const val = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '';
  return principles.flatMap((p) => {
    const fit = (form.elements.namedItem(`fit:${p.id}`) as RadioNodeList | null)?.value ?? '';
    if (!fit) return [];
    const note = val(`fitNote:${p.id}`).trim();
    return [{ principleId: p.id, fits: fit === 'yes', ...(note ? { note } : {}) }];
  });
}
