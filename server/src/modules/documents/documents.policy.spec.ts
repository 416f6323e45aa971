import {
  canReadDocuments,
  canWriteDocuments,
  documentAccessFor,
  documentAccessOrNone,
} from './documents.policy';

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
