import type { ProposalDto as Proposal } from '@coalesce/shared';
import { Card } from '../../../components/ui/ui';
import { useI18n } from '../../../i18n/i18n';

function Bar({
  label,
  value,
  total,
  className,
}: {
  label: string;
  value: number;
  total: number;
  className: string;
}) {
  const w = total > 0 ? Math.min(100, (value / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2 text-sm">
      <span className="w-24 shrink-0">{label}</span>
      <div className="h-3 flex-1 overflow-hidden rounded-full bg-slate-100" aria-hidden>
        <div className={`h-full ${className}`} style={{ width: `${w}%` }} />
      </div>
      <span className="w-12 text-right tabular-nums">
        {Number.isInteger(value) ? value : value.toFixed(2)}
      </span>
    </div>
  );
}

const BARS = [
  ['yes', 'bg-emerald-500'],
  ['no', 'bg-rose-500'],
  ['abstain', 'bg-slate-400'],
] as const;

/** Where the vote stands: bars, the tally in words, who is missing, the form and the votes. */
export function TallyCard({
  proposal: p,
  lines,
  partnerNames,
  userNames,
  children,
}: {
  proposal: Proposal;
  lines: string[];
  partnerNames: Map<string, string>;
  userNames: Map<string, string>;
  children?: React.ReactNode;
}) {
  const { t, tx } = useI18n();
  const weighted = p.policy.rule === 'weighted';
  const autonomous = p.policy.rule === 'autonomous';
  const total = weighted ? p.tally.totalWeight : p.electorate.length;
  return (
    <Card className="space-y-3">
      <h2 className="font-semibold">{t('proposals.tallyTitle')}</h2>
      <p className="text-sm text-slate-500">{tx(`proposals.rules.${p.policy.rule}`)}</p>
      {!autonomous && (
        <div className="space-y-1.5" data-testid="tally">
          {BARS.map(([c, className]) => (
            <Bar
              key={c}
              label={t(`proposals.choices.${c}`)}
              value={weighted ? p.tally[`${c}Weight`] : p.tally[c]}
              total={total}
              className={className}
            />
          ))}
        </div>
      )}
      <div className="space-y-1 text-sm text-slate-700" data-testid="tally-explained">
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
        {p.status === 'open' && p.tally.missing.length > 0 && !autonomous && (
          <p className="text-slate-500">
            {t('proposals.missing', {
              names: p.tally.missing.map((m) => partnerNames.get(m) ?? '…').join(', '),
            })}
          </p>
        )}
      </div>
      {children}
      {p.votes.length > 0 && (
        <ul className="space-y-1 border-t border-slate-100 pt-3 text-sm" data-testid="votes">
          {p.votes.map((v) => (
            <li key={v.partnerId}>
              {t('proposals.votedBy', {
                partner: partnerNames.get(v.partnerId) ?? '…',
                choice: tx(`proposals.choices.${v.choice}`),
                name: userNames.get(v.castBy) ?? '…',
              })}
              {v.via && (
                <span className="ml-1 text-xs text-slate-500" data-testid="vote-via">
                  ({t('deliberation.proposal.via', { partner: partnerNames.get(v.via) ?? '…' })})
                </span>
              )}
              {v.reason && <span className="text-slate-500"> — “{v.reason}”</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
