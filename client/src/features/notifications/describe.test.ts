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
});
