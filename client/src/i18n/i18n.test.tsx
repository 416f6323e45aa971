import { act, render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import {
  detectLocale,
  I18nProvider,
  loadCatalog,
  partOf,
  translate,
  useI18n,
  type CataloguePart,
} from './i18n';
import { nl } from './nl';
import { errorsEn } from './errors.en';
import { errorsNl } from './errors.nl';
import { landingEn } from './landing.en';
import { landingNl } from './landing.nl';
import { pagesEn } from './pages.en';
import { pagesNl } from './pages.nl';

function keys(o: object, p = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${p}${k}`] : keys(v as object, `${p}${k}.`),
  );
}

describe('i18n', () => {
  const parts: [CataloguePart, object, object][] = [
    ['core', en, nl],
    ['landing', landingEn, landingNl],
    ['pages', pagesEn, pagesNl],
    ['errors', errorsEn, errorsNl],
  ];
  it('Dutch and English have exactly the same keys, in the same part of the catalogue', () => {
    for (const [, e, n] of parts) expect(keys(n).sort()).toEqual(keys(e).sort());
  });
  it('knows the part of every key (a missing key fetches its part)', () => {
    for (const [part, e] of parts) {
      const wrong = keys(e).filter((k) => partOf(k) !== part);
      expect({ part, wrong }).toEqual({ part, wrong: [] });
    }
  });
  it('finds keys of either part', () => {
    expect(translate('en', 'network.title')).toBe(pagesEn.network.title);
    expect(translate('nl', 'coalition.members.none')).toBe(nl.coalition.members.none);
    expect(translate('nl', 'coalition.ties.title')).toBe(pagesNl.coalition.ties.title);
  });
  it('defaults to Dutch for a Dutch browser and English otherwise', () => {
    expect(detectLocale(null, ['nl-BE', 'en'])).toBe('nl');
    expect(detectLocale(null, ['fr-FR'])).toBe('en');
    expect(detectLocale('en', ['nl'])).toBe('en');
    expect(detectLocale('xx', ['nl'])).toBe('nl');
  });
  it('translates with parameters and falls back to the key', () => {
    expect(translate('nl', 'nav.home')).toBe('Start');
    expect(translate('en', 'nope.key')).toBe('nope.key');
  });
});

describe('keys with dots', () => {
  it('finds event messages whose keys contain dots', () => {
    expect(translate('en', 'activity.event.member.joined', { member: 'An', role: 'x' })).toBe(
      'An joined the network as x',
    );
  });
});

describe('switching language', () => {
  it('switches once the catalogue is there, and the last choice wins', async () => {
    let ui: ReturnType<typeof useI18n> | undefined;
    function Probe() {
      ui = useI18n();
      return <p>{ui.t('nav.home')}</p>;
    }
    const view = render(
      <I18nProvider initial="nl">
        <Probe />
      </I18nProvider>,
    );
    expect(view.container.textContent).toBe('Start');
    act(() => {
      ui!.setLocale('en');
      ui!.setLocale('nl');
      ui!.setLocale('en');
    });
    await waitFor(() => expect(view.container.textContent).toBe('Home'));
    expect(localStorage.getItem('coalesce.locale')).toBe('en');
    await expect(loadCatalog('nl', 'pages')).resolves.toBeUndefined();
    view.unmount();
  });
});
