import { canUpdateWorkspace, type Stage, STAGES, type WorkspaceDto } from '@coalesce/shared';
import { useState } from 'react';
import { Button, Card, ErrorNote, Select } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { StageList } from '../../home/components/StageList';
import { useUpdateWorkspace } from '../api';
import { capacityOf } from '../capacity';

export function StageCard({ ws }: { ws: WorkspaceDto }) {
  const { t, tx } = useI18n();
  const update = useUpdateWorkspace(ws.id);
  const [editing, setEditing] = useState(false);
  const [stage, setStage] = useState<Stage>(ws.stage);
  return (
    <Card>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{t('workspaces.stageTitle')}</h2>
        {canUpdateWorkspace(capacityOf(ws)) && !editing && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {t('workspaces.changeStage')}
          </Button>
        )}
      </div>
      {editing && (
        <form
          className="mb-4 flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ stage }, { onSuccess: () => setEditing(false) });
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">{t('workspaces.stage')}</span>
            <Select value={stage} onChange={(e) => setStage(e.target.value as Stage)} name="stage">
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {tx(`stages.${s}.name`)}
                </option>
              ))}
            </Select>
          </label>
          <Button type="submit" disabled={update.isPending}>
            {t('workspaces.save')}
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            {t('workspaces.cancel')}
          </Button>
          {update.isError && <ErrorNote>{update.error.message}</ErrorNote>}
        </form>
      )}
      <StageList current={ws.stage} />
    </Card>
  );
}
