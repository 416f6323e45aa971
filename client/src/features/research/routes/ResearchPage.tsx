import { canExport, type WorkspaceDto } from '@coalesce/shared';
import { useOutletContext } from 'react-router';
import { useI18n } from '../../../i18n/i18n';
import { capacityOf } from '../../workspaces/capacity';
import { Codebook } from '../components/Codebook';
import { ResearchConsents } from '../components/ResearchConsents';
import { ResearchExports } from '../components/ResearchExports';

/** Research exports (coordinators, observers), consents to be named, and the codebook. */
export function ResearchPage() {
  const ws = useOutletContext<WorkspaceDto>();
  const { t } = useI18n();
  return (
    <div className="max-w-5xl space-y-5">
      <header>
        <h1 className="text-2xl font-semibold">{t('research.title')}</h1>
        <p className="text-slate-600">{t('research.intro')}</p>
      </header>
      {canExport(capacityOf(ws)) && <ResearchExports ws={ws} />}
      <ResearchConsents ws={ws} />
      <Codebook />
    </div>
  );
}
