import { describe, expect, it } from 'vitest';
import {
  canExportIndividualRows,
  CODEBOOK_TYPES,
  RESEARCH_CODEBOOK,
  RESEARCH_TABLES,
} from './research.js';

describe('research codebook', () => {
  it('documents every table once, in the order of RESEARCH_TABLES', () => {
    expect(RESEARCH_CODEBOOK.map((t) => t.table)).toEqual([...RESEARCH_TABLES]);
    for (const t of RESEARCH_CODEBOOK) expect(t.file).toBe(`tables/${t.table}.csv`);
  });

  it('every field has a known type, a meaning in nl and en, and allowed values when it is an enum or list', () => {
    for (const t of RESEARCH_CODEBOOK) {
      expect(t.description.nl).not.toBe('');
      expect(t.description.en).not.toBe('');
      const names = t.fields.map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      for (const f of t.fields) {
        expect(CODEBOOK_TYPES).toContain(f.type);
        expect(f.meaning.nl.length).toBeGreaterThan(5);
        expect(f.meaning.en.length).toBeGreaterThan(5);
        expect(f.meaning.nl).not.toBe(f.meaning.en);
        if (f.type === 'enum' || f.type === 'list')
          expect(f.allowedValues?.length).toBeGreaterThan(0);
      }
    }
  });

  it('individual rows: coordinators always, observers only pseudonymised, members never', () => {
    expect(canExportIndividualRows({ role: 'coordinator' }, false)).toBe(true);
    expect(canExportIndividualRows({ role: 'observer' }, false)).toBe(false);
    expect(canExportIndividualRows({ role: 'observer' }, true)).toBe(true);
    expect(canExportIndividualRows({ role: 'member' }, true)).toBe(false);
  });
});
