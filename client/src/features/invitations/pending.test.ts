import type { InvitationDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { pendingForPartner } from './pending';

describe('pendingForPartner', () => {
  const inv = (id: string, partnerId: string | null) => ({ id, partnerId }) as InvitationDto;
  it('keeps only the invitations for that partner, in order', () => {
    const items = [inv('a', 'p1'), inv('b', null), inv('c', 'p2'), inv('d', 'p1')];
    expect(pendingForPartner(items, 'p1').map((i) => i.id)).toEqual(['a', 'd']);
    expect(pendingForPartner(items, 'p3')).toEqual([]);
  });
});
