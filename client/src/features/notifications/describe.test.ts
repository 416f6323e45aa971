import type { NotificationDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { describeNotification } from './describe';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);

describe('describeNotification', () => {
  it('sends an invitee to the pending invitations on the networks page', () => {
    const n: NotificationDto = {
      id: '1',
      workspaceId: 'w1',
      kind: 'invited',
      subjectType: 'invitation',
      subjectId: 'i1',
      eventId: 'e1',
      payload: { workspaceName: 'Talentenstad', role: 'observer' },
      readAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const d = describeNotification(n, en);
    expect(d.href).toBe('/w#invitations');
    expect(d.text).toContain('Talentenstad');
  });

  it('sends coordinators to the partner nobody represents yet, and words an expired tie', () => {
    const base = {
      id: '2',
      workspaceId: 'w1',
      eventId: 'e2',
      readAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const unrepresented = describeNotification(
      {
        ...base,
        kind: 'partner_unrepresented',
        subjectType: 'partner',
        subjectId: 'p1',
        payload: { partnerId: 'p1', partnerName: 'Jeugdhuis Genk' },
      },
      en,
    );
    expect(unrepresented).toEqual({
      text: 'Jeugdhuis Genk was admitted and has no representative yet',
      href: '/w/w1/partners/p1',
    });
    const expired = describeNotification(
      {
        ...base,
        kind: 'connection_expired',
        subjectType: 'connection',
        subjectId: 'c1',
        payload: { fromPartnerName: 'Stad Genk', toPartnerName: 'Sportclub Genk' },
      },
      en,
    );
    expect(expired.text).toBe(
      'Your proposed connection between Stad Genk and Sportclub Genk expired unanswered',
    );
    expect(expired.href).toBe('/w/w1/connections');
  });
});
