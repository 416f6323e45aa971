import { describe, expect, it } from 'vitest';
import { saveStateOf } from './saveState';

describe('saveStateOf', () => {
  it('puts a refused or lost connection before anything else', () => {
    expect(saveStateOf({ status: 'refused', synced: true, saving: true })).toBe('refused');
    expect(saveStateOf({ status: 'connecting', synced: true, saving: true })).toBe('offline');
    expect(saveStateOf({ status: 'offline', synced: false, saving: false })).toBe('offline');
  });

  it('reads syncing, saving or saved once connected', () => {
    expect(saveStateOf({ status: 'connected', synced: false, saving: true })).toBe('syncing');
    expect(saveStateOf({ status: 'connected', synced: true, saving: true })).toBe('saving');
    expect(saveStateOf({ status: 'connected', synced: true, saving: false })).toBe('saved');
  });
});
