import { canSeeSuggestions } from './network.policy';

describe('network policy', () => {
  it('brokers and coordinators see suggestions; members and observers do not', () => {
    expect(canSeeSuggestions({ role: 'coordinator', broker: false })).toBe(true);
    expect(canSeeSuggestions({ role: 'member', broker: true })).toBe(true);
    expect(canSeeSuggestions({ role: 'member', broker: false })).toBe(false);
    expect(canSeeSuggestions({ role: 'observer', broker: false })).toBe(false);
    expect(canSeeSuggestions({ role: 'observer', broker: true })).toBe(false);
  });
});
