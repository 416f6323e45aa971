import {
  canProposeConnections,
  type ProposeConnectionInput,
  type WorkspaceDto,
} from '@coalesce/shared';
import { useState } from 'react';
import { Button, Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';
import { useConnectionMutations } from '../../connections/api';
import { capacityOf } from '../../workspaces/capacity';
import { useSuggestions } from '../api';
import { describeSuggestion } from '../describe';

/**
 * Whom to connect, with the reason. Brokers and coordinators see them (the server's rule);
 * only brokers propose a connection from here.
 */
export function Suggestions({ ws, names }: { ws: WorkspaceDto; names: Map<string, string> }) {
  const { t, tx, locale } = useI18n();
  const suggestions = useSuggestions(ws.id, true);
  const { propose } = useConnectionMutations(ws.id);
  const [proposedKeys, setProposedKeys] = useState<Set<string>>(new Set());
  const canPropose = canProposeConnections(capacityOf(ws));
  return (
    <Card>
      <h2 className="mb-2 font-semibold">{t('network.suggestions')}</h2>
      {!canPropose && (
        <p className="mb-2 text-sm text-slate-600">{t('network.suggestionsForBrokers')}</p>
      )}
      {suggestions.data?.items.length ? (
        <ul className="space-y-3" data-testid="suggestions">
          {suggestions.data.items.map((s) => {
            const k = `${s.fromPartnerId}~${s.toPartnerId}`;
            const reason = describeSuggestion(s, names, tx, locale);
            return (
              <li key={k} className="text-sm">
                <p className="font-medium">
                  {names.get(s.fromPartnerId) ?? '…'} ↔ {names.get(s.toPartnerId) ?? '…'}
                </p>
                <p className="text-slate-600">{reason}</p>
                {canPropose && (
                  <Button
                    size="sm"
                    variant="secondary"
                    className="mt-1 min-h-8"
                    disabled={proposedKeys.has(k)}
                    onClick={() =>
                      propose.mutate(
                        {
                          fromPartnerId: s.fromPartnerId,
                          toPartnerId: s.toPartnerId,
                          // The code, not this reader's sentence: each reader sees the reason
                          // in their own language.
                          reasonCode: s.reason.code,
                          reasonParams: s.reason.params as ProposeConnectionInput['reasonParams'],
                        },
                        { onSuccess: () => setProposedKeys((x) => new Set(x).add(k)) },
                      )
                    }
                  >
                    {proposedKeys.has(k) ? t('network.proposed') : t('network.proposeThis')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">{t('network.noSuggestions')}</p>
      )}
    </Card>
  );
}
