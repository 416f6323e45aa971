import { createWorkspaceSchema, STAGES } from '@coalesce/shared';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  formValues,
  serverFieldErrors,
  validate,
  type FieldErrors,
} from '../../../components/ui/form';
import {
  Badge,
  Button,
  Card,
  ErrorNote,
  Field,
  Input,
  Select,
  Spinner,
  Textarea,
} from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { TryDemo } from '../../demo/components/TryDemo';
import { PendingInvitations } from '../../invitations/components/PendingInvitations';
import { PendingVotes } from '../../proposals/components/PendingVotes';
import { useCreateWorkspace, useWorkspaces } from '../api';

export function WorkspacesPage() {
  const { t, tx } = useI18n();
  const list = useWorkspaces();
  const create = useCreateWorkspace();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = validate(createWorkspaceSchema, formValues(e.currentTarget), tx);
    if (!v.ok) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data, {
      onSuccess: (ws) => navigate(`/w/${ws.id}`),
      onError: (err) => setErrors(serverFieldErrors(err)),
    });
  };

  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t('workspaces.title')}</h1>
        {!open && <Button onClick={() => setOpen(true)}>{t('workspaces.create')}</Button>}
      </div>
      <PendingVotes />
      {open && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('workspaces.createTitle')}</h2>
          <form noValidate onSubmit={onSubmit} className="grid gap-4 md:grid-cols-2">
            <Field label={t('workspaces.name')} error={errors.name}>
              {(p) => <Input {...p} name="name" required />}
            </Field>
            <Field label={t('workspaces.stage')} error={errors.stage}>
              {(p) => (
                <Select {...p} name="stage" defaultValue={STAGES[0]}>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {tx(`stages.${s}.name`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <div className="md:col-span-2">
              <Field label={t('workspaces.description')} error={errors.description}>
                {(p) => <Textarea {...p} name="description" />}
              </Field>
            </div>
            {errors._ && <ErrorNote>{errors._}</ErrorNote>}
            <div className="flex gap-2 md:col-span-2">
              <Button type="submit" disabled={create.isPending}>
                {t('workspaces.submitCreate')}
              </Button>
              <Button variant="secondary" onClick={() => setOpen(false)}>
                {t('workspaces.cancel')}
              </Button>
            </div>
          </form>
        </Card>
      )}
      <PendingInvitations />
      {list.isPending ? (
        <Spinner label={t('app.loading')} />
      ) : list.isError ? (
        <ErrorNote>{t('errors.generic')}</ErrorNote>
      ) : list.data.items.length === 0 ? (
        <div className="space-y-4">
          <p className="text-slate-600">{t('workspaces.empty')}</p>
          <TryDemo />
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {list.data.items.map((ws) => (
            <li key={ws.id}>
              <Link
                to={`/w/${ws.id}`}
                className="block rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 transition hover:ring-brand-500"
              >
                <p className="font-semibold">{ws.name}</p>
                <p className="mt-1 line-clamp-2 text-sm text-slate-600">{ws.description}</p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Badge tone="brand">{tx(`stages.${ws.stage}.name`)}</Badge>
                  <Badge>{tx(`roles.${ws.myRole}`)}</Badge>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
