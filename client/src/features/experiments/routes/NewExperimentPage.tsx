import type { WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { useNavigate, useOutletContext } from 'react-router';
import { serverFieldErrors, type FieldErrors } from '../../../components/ui/form';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useExperimentMutations } from '../api';
import { ExperimentForm } from '../components/ExperimentForm';

export function NewExperimentPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { create } = useExperimentMutations(ws.id);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">{t('experiments.new')}</h1>
      <Card>
        <ExperimentForm
          wid={ws.id}
          errors={errors}
          pending={create.isPending}
          submitLabel={t('experiments.create')}
          onSubmit={(body) =>
            create.mutate(body, {
              onSuccess: (e) => navigate(`../${e.id}`, { relative: 'path' }),
              onError: (err) => {
                const fe = serverFieldErrors(err);
                setErrors(Object.keys(fe).length ? fe : { _: err.message });
              },
            })
          }
        />
      </Card>
    </div>
  );
}
