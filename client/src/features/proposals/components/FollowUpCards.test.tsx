import type { ProposalDto } from '@coalesce/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { I18nProvider, registerCatalog } from '../../../i18n/i18n';
import { nl } from '../../../i18n/nl';
import { FollowUpCard, StatementCard } from './FollowUpCards';

const NOW = Date.parse('2026-12-06T10:00:00Z');

const proposal = (over: Partial<ProposalDto> = {}): ProposalDto =>
  ({
    id: 'p1',
    status: 'open',
    closesAt: '2026-12-10T10:00:00Z',
    remindedAt: null,
    remindAllowedAt: null,
    outcome: null,
    tally: { missing: ['a'] },
    ...over,
  }) as ProposalDto;

function wrap(node: ReactNode, locale: 'en' | 'nl' = 'en') {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider initial={locale}>{node}</I18nProvider>
    </QueryClientProvider>,
  );
}

describe('follow-up of a proposal (issue 16)', () => {
  beforeAll(() => {
    registerCatalog('en', 'core', en);
    registerCatalog('nl', 'core', nl);
  });
  afterEach(cleanup);

  it('the remind button waits until an hour after the last reminder, and says how long', () => {
    wrap(
      <FollowUpCard
        wid="w"
        proposal={proposal({
          remindedAt: '2026-12-06T09:30:00Z',
          remindAllowedAt: '2026-12-06T10:30:00Z',
        })}
        canRemind
        canExtend={false}
        now={NOW}
      />,
    );
    expect(screen.getByRole('button', { name: 'Remind who has not voted' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(screen.getByTestId('remind-wait').textContent).toBe(
      'Another reminder is possible in 30 min.',
    );
    expect(screen.queryByText('Extend the deadline')).toBeNull();
  });

  it('reminds when allowed and someone has no vote; nobody missing → nothing to remind', () => {
    const { unmount } = wrap(
      <FollowUpCard wid="w" proposal={proposal()} canRemind canExtend now={NOW} />,
    );
    expect(screen.getByRole('button', { name: 'Remind who has not voted' })).toHaveProperty(
      'disabled',
      false,
    );
    expect(screen.getByLabelText('New deadline')).toBeTruthy();
    unmount();
    wrap(
      <FollowUpCard
        wid="w"
        proposal={proposal({ tally: { missing: [] } as unknown as ProposalDto['tally'] })}
        canRemind
        canExtend={false}
        now={NOW}
      />,
      'nl',
    );
    expect(screen.getByRole('button', { name: 'Herinner wie nog niet stemde' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('shows the statement to everyone; the form only to who may write it', () => {
    const closed = proposal({
      status: 'accepted',
      outcome: {
        status: 'accepted',
        reason: 'unanimous',
        statement: { text: 'Welkom!', by: 'u1', at: '2026-12-06T09:00:00Z' },
      },
    });
    const { unmount } = wrap(
      <StatementCard
        wid="w"
        proposal={closed}
        userNames={new Map([['u1', 'Anna']])}
        canWrite={false}
      />,
    );
    expect(screen.getByTestId('statement').textContent).toContain('Welkom!');
    expect(screen.getByTestId('statement').textContent).toContain('Anna');
    expect(screen.queryByRole('button', { name: 'Change statement' })).toBeNull();
    unmount();
    const { container } = wrap(
      <StatementCard
        wid="w"
        proposal={proposal({
          status: 'rejected',
          outcome: { status: 'rejected', reason: 'blocked' },
        })}
        userNames={new Map()}
        canWrite={false}
      />,
    );
    expect(container.textContent).toBe('');
  });
});
