import { NOTIFICATION_KINDS, type NotificationDto } from '@coalesce/shared';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/i18n';
import { describeNotification } from './describe';

const en = (k: string, p?: Record<string, string | number>) => translate('en', k, p);
const nl = (k: string, p?: Record<string, string | number>) => translate('nl', k, p);

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
    const mentioned = describeNotification(
      {
        ...base,
        kind: 'mentioned',
        subjectType: 'experiment',
        subjectId: 'e1',
        payload: { actorName: 'Anna', title: 'Homework café', subjectType: 'experiment' },
      },
      en,
    );
    expect(mentioned).toEqual({
      text: 'Anna mentioned you in a discussion on the experiment ‘Homework café’',
      href: '/w/w1/experiments/e1',
    });
    const onVision = describeNotification(
      {
        ...base,
        kind: 'mentioned',
        subjectType: 'document',
        subjectId: 'd1',
        payload: { actorName: 'Anna', subjectType: 'document', kind: 'vision' },
      },
      nl,
    );
    expect(onVision).toEqual({
      text: 'Anna noemde je in een gesprek over de visie',
      href: '/w/w1/vision',
    });
    expect(expired.href).toBe('/w/w1/connections');
  });
});

describe('notification sentences', () => {
  const base = {
    id: '1',
    workspaceId: 'w1',
    subjectId: 'c1',
    eventId: 'e1',
    readAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('a connection answer names who answered, for which partner, about which pair', () => {
    const n: NotificationDto = {
      ...base,
      kind: 'connection_response',
      subjectType: 'connection',
      payload: {
        actorName: 'Bram',
        partnerName: 'Stad Genk',
        fromPartnerName: 'Jeugdhuis X',
        toPartnerName: 'Sportclub Y',
        accept: true,
      },
    };
    expect(describeNotification(n, en).text).toBe(
      'Bram (Stad Genk) accepted the connection you proposed between Jeugdhuis X and Sportclub Y',
    );
    expect(describeNotification({ ...n, payload: { ...n.payload, accept: false } }, nl).text).toBe(
      'Bram (Stad Genk) wees de verbinding af die je voorstelde tussen Jeugdhuis X en Sportclub Y',
    );
    // An older notification without the pair still reads as a sentence.
    expect(describeNotification({ ...n, payload: { partnerName: 'Stad Genk' } }, en).text).toBe(
      'Stad Genk accepted the connection you proposed',
    );
  });

  it('a proposed connection names the broker; statuses are words, not codes', () => {
    const proposed: NotificationDto = {
      ...base,
      kind: 'connection_proposed',
      subjectType: 'connection',
      payload: { actorName: 'Anna', fromPartnerName: 'Jeugdhuis X', toPartnerName: 'Sportclub Y' },
    };
    expect(describeNotification(proposed, nl).text).toBe(
      'Anna stelt voor om Jeugdhuis X en Sportclub Y te verbinden',
    );
    const moved: NotificationDto = {
      ...base,
      kind: 'experiment_status',
      subjectType: 'experiment',
      payload: { title: 'Zomerkamp', from: 'preparing', to: 'running' },
    };
    expect(describeNotification(moved, nl).text).toBe(
      'Het experiment ‘Zomerkamp’ ging van Voorbereiding naar Loopt',
    );
    const outcome: NotificationDto = {
      ...base,
      kind: 'proposal_outcome',
      subjectType: 'proposal',
      payload: { candidateName: 'Labiomista', status: 'accepted' },
    };
    expect(describeNotification(outcome, en).text).toBe(
      'The proposal to admit Labiomista was accepted',
    );
  });

  it('every kind reads without codes or empty slots, in both languages', () => {
    for (const tx of [en, nl]) {
      for (const kind of NOTIFICATION_KINDS) {
        const text = describeNotification(
          { ...base, kind, subjectType: 'proposal', payload: {} },
          tx,
        ).text;
        expect(text, kind).not.toMatch(/\{\w+\}|\b[a-z_]+\.[a-z_]+\b/);
      }
    }
  });
});
