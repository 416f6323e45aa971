import { canManagePrinciples, type WorkspaceDto } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { useOutletContext } from 'react-router';
import { serverFieldErrors } from '../../../components/ui/form';
import {
  Button,
  Card,
  ErrorNote,
  Field,
  Input,
  Spinner,
  Textarea,
} from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { usePrincipleMutations, usePrinciples } from '../api';
import { capacityOf } from '../../workspaces/capacity';

export function PrinciplesPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const list = usePrinciples(ws.id);
  const { create, update, remove } = usePrincipleMutations(ws.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const canWrite = canManagePrinciples(capacityOf(ws));
  const errors = serverFieldErrors(create.error);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, description: description || undefined },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
        },
      },
    );
  };

  const items = list.data?.items ?? [];
  return (
    <div className="max-w-3xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('principles.title')}</h1>
        <p className="text-slate-600">{t('principles.intro')}</p>
      </header>
      {list.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : items.length === 0 ? (
        <p className="text-slate-500">{t('principles.empty')}</p>
      ) : (
        <ol className="space-y-3" data-testid="principles">
          {items.map((p, i) => (
            <li
              key={p.id}
              className="flex gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
            >
              <span className="text-xl font-semibold text-brand-700">{i + 1}</span>
              <div className="min-w-0 flex-1">
                <p className="font-medium">{p.title}</p>
                {p.description && (
                  <p className="whitespace-pre-line text-sm text-slate-600">{p.description}</p>
                )}
              </div>
              {canWrite && (
                <div className="flex shrink-0 items-start gap-1">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t('principles.up')}
                    disabled={i === 0}
                    onClick={() => update.mutate({ id: p.id, order: items[i - 1]!.order })}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t('principles.down')}
                    disabled={i === items.length - 1}
                    onClick={() => update.mutate({ id: p.id, order: items[i + 1]!.order })}
                  >
                    ↓
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() =>
                      window.confirm(t('principles.confirmDelete')) && remove.mutate(p.id)
                    }
                  >
                    {t('principles.delete')}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <Card>
          <form noValidate onSubmit={onSubmit} className="space-y-3">
            <Field label={t('principles.titleLabel')} error={errors.title}>
              {(f) => <Input {...f} value={title} onChange={(e) => setTitle(e.target.value)} />}
            </Field>
            <Field label={t('principles.description')} error={errors.description}>
              {(f) => (
                <Textarea
                  {...f}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                />
              )}
            </Field>
            {create.isError && !Object.keys(errors).length && (
              <ErrorNote>{create.error.message}</ErrorNote>
            )}
            <Button type="submit" disabled={create.isPending}>
              {t('principles.add')}
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
