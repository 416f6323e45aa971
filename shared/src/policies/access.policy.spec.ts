// The same cases as the server's *.policy.spec.ts files, which test these rules through the
// modules' re-exports.
import { describe, expect, it } from 'vitest';
import {
  canAnswerOnBehalf,
  canManageInvitations,
  canManageMembers,
  canProposeConnections,
  canReadDocuments,
  canRemoveMember,
  canSeeSuggestions,
  canUpdateWorkspace,
  canViewWorkspace,
  canWriteDocuments,
  canDeleteExperiment,
  canWriteExperiments,
  documentAccessFor,
  documentAccessOrNone,
  isRepresentative,
  leavesNoCoordinator,
  respondingSide,
} from './access.policy.js';
import { canEditPartner, canLeavePartner } from './partners.policy.js';

describe('documents policy', () => {
  it('everyone reads; observers read only, coordinators and members write', () => {
    for (const role of ['coordinator', 'member', 'observer'] as const) {
      expect(canReadDocuments({ role })).toBe(true);
      expect(canWriteDocuments({ role })).toBe(role !== 'observer');
      expect(documentAccessFor(role)).toBe(role === 'observer' ? 'read' : 'write');
    }
  });

  it('no role means no access', () => {
    expect(documentAccessOrNone(null)).toBeNull();
    expect(documentAccessOrNone('member')).toBe('write');
  });
});

describe('experiments policy', () => {
  it('coordinators and members linked to a partner write; others read', () => {
    expect(canWriteExperiments({ role: 'coordinator', partnerId: null })).toBe(true);
    expect(canWriteExperiments({ role: 'coordinator', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: 'p' })).toBe(true);
    expect(canWriteExperiments({ role: 'member', partnerId: null })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: 'p' })).toBe(false);
    expect(canWriteExperiments({ role: 'observer', partnerId: null })).toBe(false);
  });

  it('coordinators and the lead partner’s representatives delete', () => {
    const led = { leadPartnerId: 'p' };
    expect(canDeleteExperiment({ role: 'coordinator', partnerId: null }, led)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'p' }, led)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'q' }, led)).toBe(false);
    expect(canDeleteExperiment({ role: 'member', partnerId: null }, led)).toBe(false);
    expect(canDeleteExperiment({ role: 'observer', partnerId: 'p' }, led)).toBe(false);
    const unled = { leadPartnerId: null };
    expect(canDeleteExperiment({ role: 'coordinator', partnerId: 'p' }, unled)).toBe(true);
    expect(canDeleteExperiment({ role: 'member', partnerId: 'p' }, unled)).toBe(false);
  });
});

describe('members policy', () => {
  it('only coordinators manage members', () => {
    expect(canManageMembers({ role: 'coordinator' })).toBe(true);
    expect(canManageMembers({ role: 'member' })).toBe(false);
    expect(canManageMembers({ role: 'observer' })).toBe(false);
  });

  it('coordinators remove anyone; everyone may remove themselves', () => {
    expect(canRemoveMember({ role: 'coordinator', userId: 'a' }, 'b')).toBe(true);
    expect(canRemoveMember({ role: 'observer', userId: 'a' }, 'a')).toBe(true);
    expect(canRemoveMember({ role: 'member', userId: 'a' }, 'b')).toBe(false);
  });

  it('protects the last coordinator', () => {
    const one = [
      { userId: 'c', role: 'coordinator' as const },
      { userId: 'm', role: 'member' as const },
    ];
    expect(leavesNoCoordinator(one, 'c', 'member')).toBe(true);
    expect(leavesNoCoordinator(one, 'c', null)).toBe(true);
    expect(leavesNoCoordinator(one, 'c', 'coordinator')).toBe(false);
    expect(leavesNoCoordinator(one, 'm', null)).toBe(false);
    expect(leavesNoCoordinator(one, 'nobody', null)).toBe(false);
    const two = [...one, { userId: 'd', role: 'coordinator' as const }];
    expect(leavesNoCoordinator(two, 'c', null)).toBe(false);
  });
});

describe('network policy', () => {
  it('brokers and coordinators see suggestions; members and observers do not', () => {
    expect(canSeeSuggestions({ role: 'coordinator', broker: false })).toBe(true);
    expect(canSeeSuggestions({ role: 'member', broker: true })).toBe(true);
    expect(canSeeSuggestions({ role: 'member', broker: false })).toBe(false);
    expect(canSeeSuggestions({ role: 'observer', broker: false })).toBe(false);
    expect(canSeeSuggestions({ role: 'observer', broker: true })).toBe(false);
  });
});

const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';

describe('partners policy', () => {
  it('a representative is a non-observer member linked to the partner', () => {
    expect(isRepresentative({ role: 'member', partnerId: P }, P)).toBe(true);
    expect(isRepresentative({ role: 'coordinator', partnerId: P }, P)).toBe(true);
    expect(isRepresentative({ role: 'observer', partnerId: P }, P)).toBe(false);
    expect(isRepresentative({ role: 'member', partnerId: Q }, P)).toBe(false);
    expect(isRepresentative({ role: 'member', partnerId: null }, P)).toBe(false);
  });

  it('coordinators edit anything; representatives profile fields only', () => {
    expect(canEditPartner({ role: 'coordinator', partnerId: null }, P, ['tier', 'weight'])).toBe(
      true,
    );
    const rep = { role: 'member' as const, partnerId: P };
    expect(
      canEditPartner(rep, P, ['name', 'motivations', 'contributions', 'description', 'website']),
    ).toBe(true);
    expect(canEditPartner(rep, P, ['name', 'tier'])).toBe(false);
    expect(canEditPartner(rep, P, ['weight'])).toBe(false);
    expect(canEditPartner(rep, P, ['affiliationPartnerId'])).toBe(false);
    expect(canEditPartner(rep, Q, ['name'])).toBe(false);
  });

  it('coordinators and representatives make a partner leave', () => {
    expect(canLeavePartner({ role: 'coordinator', partnerId: null }, P)).toBe(true);
    expect(canLeavePartner({ role: 'member', partnerId: P }, P)).toBe(true);
    expect(canLeavePartner({ role: 'member', partnerId: Q }, P)).toBe(false);
  });
});

describe('workspaces policy', () => {
  it('everyone views; only coordinators update', () => {
    for (const role of ['coordinator', 'member', 'observer'] as const) {
      expect(canViewWorkspace({ role })).toBe(true);
      expect(canUpdateWorkspace({ role })).toBe(role === 'coordinator');
    }
  });
});

describe('connections policy', () => {
  it('only brokers propose, whatever their role, but never observers', () => {
    expect(canProposeConnections({ role: 'member', broker: true })).toBe(true);
    expect(canProposeConnections({ role: 'coordinator', broker: true })).toBe(true);
    expect(canProposeConnections({ role: 'coordinator', broker: false })).toBe(false);
    expect(canProposeConnections({ role: 'member', broker: false })).toBe(false);
    expect(canProposeConnections({ role: 'observer', broker: true })).toBe(false);
  });

  it('a representative of either side answers for that side', () => {
    const c = { fromPartnerId: 'a', toPartnerId: 'b' };
    expect(respondingSide({ role: 'member', partnerId: 'a' }, c)).toBe('a');
    expect(respondingSide({ role: 'coordinator', partnerId: 'b' }, c)).toBe('b');
    expect(respondingSide({ role: 'member', partnerId: 'x' }, c)).toBeNull();
    expect(respondingSide({ role: 'coordinator', partnerId: null }, c)).toBeNull();
    expect(respondingSide({ role: 'observer', partnerId: 'a' }, c)).toBeNull();
  });

  it('a coordinator answers on behalf of a side only when nobody represents it', () => {
    expect(canAnswerOnBehalf({ role: 'coordinator' }, false)).toBe(true);
    expect(canAnswerOnBehalf({ role: 'coordinator' }, true)).toBe(false);
    expect(canAnswerOnBehalf({ role: 'member' }, false)).toBe(false);
    expect(canAnswerOnBehalf({ role: 'observer' }, false)).toBe(false);
  });
});

describe('invitations policy', () => {
  it('only coordinators manage invitations', () => {
    for (const role of ['coordinator', 'member', 'observer'] as const) {
      expect(canManageInvitations({ role })).toBe(role === 'coordinator');
    }
  });
});
