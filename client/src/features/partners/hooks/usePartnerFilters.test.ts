import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePartnerFilters } from './usePartnerFilters';

describe('usePartnerFilters', () => {
  it('sets one filter per select, and "all" drops it again', () => {
    const { result } = renderHook(() => usePartnerFilters());
    expect(result.current.filters).toEqual({});
    act(() => result.current.set('tier')('core'));
    act(() => result.current.set('status')('active'));
    expect(result.current.filters).toEqual({ tier: 'core', status: 'active' });
    act(() => result.current.set('tier')(''));
    expect(result.current.filters).toEqual({ tier: undefined, status: 'active' });
  });
});
