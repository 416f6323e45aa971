import { LOCALES, type Locale } from '@coalesce/shared';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { CoreMessages, ErrorMessages, LandingMessages, Messages, PagesMessages } from './en';

/**
 * Each language's messages come in chunks of their own, so a visit downloads one language, and
 * of it only what its pages show: `core` (the frame, sign-in and the workspace overview),
 * `landing` (the landing page), `pages` (the workspace's other pages; `lazyPage` loads a page's
 * part beside its code) and `errors` (what went wrong: fetched right after the first render).
 * `translate` stays synchronous: main.tsx loads the reader's core before the first render and
 * `setLocale` loads the next language before it switches.
 */
export type CataloguePart = 'core' | 'landing' | 'pages' | 'errors';
const PARTS: readonly CataloguePart[] = ['core', 'landing', 'pages', 'errors'];
type Catalogue = CoreMessages | LandingMessages | PagesMessages | ErrorMessages;

const loaders: Record<Locale, Record<CataloguePart, () => Promise<Catalogue>>> = {
  en: {
    core: () => import('./en').then((m) => m.en),
    landing: () => import('./landing.en').then((m) => m.landingEn),
    pages: () => import('./pages.en').then((m) => m.pagesEn),
    errors: () => import('./errors.en').then((m) => m.errorsEn),
  },
  nl: {
    core: () => import('./nl').then((m) => m.nl),
    landing: () => import('./landing.nl').then((m) => m.landingNl),
    pages: () => import('./pages.nl').then((m) => m.pagesNl),
    errors: () => import('./errors.nl').then((m) => m.errorsNl),
  },
};
/**
 * Where the namespaces outside `core` live, and the parts of them that are core after all
 * (i18n.test.tsx keeps this in step with the files).
 */
const NAMESPACE_PART: Record<string, CataloguePart> = {
  landing: 'landing',
  home: 'landing',
  documents: 'pages',
  partners: 'pages',
  principles: 'pages',
  proposals: 'pages',
  policies: 'pages',
  network: 'pages',
  research: 'pages',
  'coalition.reps': 'pages',
  'coalition.preview': 'pages',
  'coalition.viewer': 'pages',
  'coalition.rule': 'pages',
  'coalition.policy': 'pages',
  'coalition.connections': 'pages',
  'coalition.experiments': 'pages',
  'coalition.ties': 'pages',
  threads: 'pages',
  // Issue 16/17: their pages' words; the few the feed, the networks page and the menu show are core.
  deliberation: 'pages',
  'deliberation.event': 'core',
  'deliberation.pending': 'core',
  surveys: 'pages',
  'surveys.nav': 'core',
  'surveys.activity': 'core',
  participation: 'pages',
  'participation.nav': 'core',
  // The menu's names, the bell's label and the feed's experiment statuses are core.
  experiments: 'pages',
  'experiments.title': 'core',
  'experiments.statuses': 'core',
  connections: 'pages',
  'connections.title': 'core',
  notifications: 'pages',
  'notifications.title': 'core',
  'notifications.bell': 'core',
  errors: 'errors',
  validation: 'errors',
};

/** The part of the catalogue a key is in (a two-level entry wins over its namespace's). */
export function partOf(key: string): CataloguePart {
  const [first, second] = key.split('.');
  return NAMESPACE_PART[`${first}.${second}`] ?? NAMESPACE_PART[first!] ?? 'core';
}

const catalogs: Record<Locale, Partial<Record<CataloguePart, Catalogue>>> = { en: {}, nl: {} };
const loading = new Map<string, Promise<void>>();
const STORAGE_KEY = 'coalesce.locale';

/** Bumped whenever a part arrives: the provider re-renders with the new words. */
let arrivals = 0;
const listeners = new Set<() => void>();
function arrived(locale: Locale, part: CataloguePart, messages: Catalogue) {
  catalogs[locale][part] = messages;
  arrivals++;
  for (const l of listeners) l();
}

/** Downloads a part of a language's messages once; later calls share the same promise. */
export function loadCatalog(locale: Locale, part: CataloguePart = 'core'): Promise<void> {
  if (catalogs[locale][part]) return Promise.resolve();
  const id = `${locale}:${part}`;
  let p = loading.get(id);
  if (!p) {
    p = loaders[locale][part]().then(
      (messages) => arrived(locale, part, messages),
      (err: unknown) => {
        // A failed download is retried by the next call, not remembered.
        loading.delete(id);
        throw err;
      },
    );
    loading.set(id, p);
  }
  return p;
}

/** Makes a part available without a download (tests import both languages directly). */
export function registerCatalog(locale: Locale, part: CataloguePart, messages: Catalogue): void {
  arrived(locale, part, messages);
}

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Messages>;

/** Dutch for a Dutch-speaking browser (nl, nl-BE), English otherwise, unless the user chose. */
export function detectLocale(
  stored: string | null,
  languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages,
): Locale {
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  const first = languages[0]?.toLowerCase() ?? '';
  return first.startsWith('nl') ? 'nl' : 'en';
}

/** Keys may themselves contain dots (event types such as `member.joined`): try longer segments. */
function lookup(node: unknown, parts: string[]): unknown {
  if (parts.length === 0) return node;
  if (typeof node !== 'object' || node === null) return undefined;
  const rec = node as Record<string, unknown>;
  for (let n = parts.length; n >= 1; n--) {
    const k = parts.slice(0, n).join('.');
    if (k in rec) {
      const found = lookup(rec[k], parts.slice(n));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function translate(
  locale: Locale,
  key: string,
  params?: Record<string, string | number>,
): string {
  const parts = key.split('.');
  let node = find(locale, parts);
  if (node === undefined) {
    // A key of a part this language has not downloaded (a page that did not ask for it): fetch
    // it, the provider re-renders when it arrives. Meanwhile, or should the language not have
    // arrived at all, another language reads better than a bare key.
    const part = partOf(key);
    if (!catalogs[locale][part]) loadCatalog(locale, part).catch(() => undefined);
    for (const other of LOCALES) if (node === undefined) node = find(other, parts);
  }
  if (node === undefined) return key;
  return params ? node.replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m)) : node;
}

function find(locale: Locale, parts: string[]): string | undefined {
  for (const part of PARTS) {
    const node = lookup(catalogs[locale][part], parts);
    if (typeof node === 'string') return node;
  }
  return undefined;
}

/**
 * The language the app shows now, for code outside React that writes for the reader (an API
 * error's message). The same answer the provider starts from; `setLocale` stores the choice
 * before the app re-renders, so a message read while rendering is in the new language.
 */
export function activeLocale(): Locale {
  return detectLocale(
    typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY),
  );
}

interface I18nValue {
  locale: Locale;
  /** Switches as soon as the language's messages have arrived (at once when already loaded). */
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** For keys built at run time (e.g. `stages.${stage}.name`). */
  tx(key: string, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const currentArrivals = () => arrivals;

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(
    () => initial ?? detectLocale(localStorage.getItem(STORAGE_KEY)),
  );
  useEffect(() => {
    document.documentElement.lang = locale;
    // Error messages are only needed once something fails: after the first render, not before.
    loadCatalog(locale, 'errors').catch(() => undefined);
  }, [locale]);
  const version = useSyncExternalStore(subscribe, currentArrivals, currentArrivals);
  // The last choice wins, even when an earlier choice's catalogue arrives after it.
  const wanted = useRef<Locale | null>(null);
  const setLocale = useCallback((l: Locale) => {
    wanted.current = l;
    // Every part the app has needed so far, so the switch shows no key.
    const parts = PARTS.filter((part) => LOCALES.some((x) => catalogs[x][part]));
    Promise.all(['core' as const, ...parts].map((part) => loadCatalog(l, part))).then(
      () => {
        if (wanted.current !== l) return;
        localStorage.setItem(STORAGE_KEY, l);
        setLocaleState(l);
      },
      () => {
        // Offline or a stale deployment: the page stays in the language it shows.
      },
    );
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      tx: (key, params) => translate(locale, key, params),
    }),
    // `version`: a part that arrived changes what t() returns.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale, setLocale, version],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
