import { DEFAULT_POLICY } from '@coalesce/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../i18n/i18n';
import { usePolicyForm } from './usePolicyForm';

const wrapper =
  (locale: 'en' | 'nl') =>
  ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider initial={locale}>{children}</I18nProvider>
    </QueryClientProvider>
  );

const weighted = {
  ...DEFAULT_POLICY,
  rule: 'weighted' as const,
  quorum: 0.4,
  supportThreshold: 0.6,
};

describe('usePolicyForm', () => {
  it('shows percentages and sends fractions; only the autonomous rule keeps its deciders', () => {
    const { result } = renderHook(
      () => usePolicyForm('w1', 'hypothesis_vision', 'core', weighted),
      { wrapper: wrapper('en') },
    );
    expect(result.current.draft.quorum).toBe('40');
    expect(result.current.draft.support).toBe('60');
    act(() => result.current.set({ quorum: '55', deciders: ['p1'] }));
    expect(result.current.body.quorum).toBeCloseTo(0.55);
    expect(result.current.body.supportThreshold).toBeCloseTo(0.6);
    expect(result.current.body.deciders).toEqual([]);
    act(() => result.current.set({ rule: 'autonomous' }));
    expect(result.current.body.deciders).toEqual(['p1']);
  });

  it('never asks a voting rule to consult longer than it votes', () => {
    const { result } = renderHook(
      () => usePolicyForm('w1', 'hypothesis_vision', 'core', weighted),
      { wrapper: wrapper('en') },
    );
    act(() => result.current.set({ votingHours: '24', consultationHours: '72' }));
    expect(result.current.body.consultationHours).toBe(24);
  });

  it('refuses percentages out of range in the reader’s language, before anything is sent', () => {
    const { result } = renderHook(
      () => usePolicyForm('w1', 'hypothesis_vision', 'core', weighted),
      { wrapper: wrapper('nl') },
    );
    act(() => result.current.set({ quorum: '120', support: '' }));
    act(() => result.current.submit());
    expect(result.current.pending).toBe(false);
    expect(result.current.errors.quorum).toMatch(/100/);
    expect(result.current.errors.supportThreshold).toBeTruthy();
    expect(result.current.errors.supportThreshold).not.toMatch(/required|must/i);
  });
});
