import { LOCALES, type Locale } from '@coalesce/shared';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Messages } from './en';

/**
 * Each language's messages are a chunk of their own, so a page downloads only the language it
 * shows. `translate` stays synchronous: main.tsx loads the reader's catalogue before the first
 * render and `setLocale` loads the next one before it switches.
 */
const loaders: Record<Locale, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
  nl: () => import('./nl').then((m) => m.nl),
};
const catalogs: Partial<Record<Locale, Messages>> = {};
const loading: Partial<Record<Locale, Promise<Messages>>> = {};
const STORAGE_KEY = 'coalesce.locale';

/** Downloads a language's messages once; later calls share the same promise. */
export function loadCatalog(locale: Locale): Promise<Messages> {
  const cached = catalogs[locale];
  if (cached) return Promise.resolve(cached);
  return (loading[locale] ??= loaders[locale]().then(
    (messages) => (catalogs[locale] = messages),
    (err: unknown) => {
      // A failed download is retried by the next call, not remembered.
      delete loading[locale];
      throw err;
    },
  ));
}

/** Makes a catalogue available without a download (tests import both languages directly). */
export function registerCatalog(locale: Locale, messages: Messages): void {
  catalogs[locale] = messages;
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
  // Should the language not have arrived, the other one reads better than bare keys.
  const messages = catalogs[locale] ?? Object.values(catalogs)[0];
  const node = lookup(messages, key.split('.'));
  if (typeof node !== 'string') return key;
  return params ? node.replace(/\{(\w+)\}/g, (m, p: string) => String(params[p] ?? m)) : node;
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

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(
    () => initial ?? detectLocale(localStorage.getItem(STORAGE_KEY)),
  );
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // The last choice wins, even when an earlier choice's catalogue arrives after it.
  const wanted = useRef<Locale | null>(null);
  const setLocale = useCallback((l: Locale) => {
    wanted.current = l;
    loadCatalog(l).then(
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
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
