import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';
import es from '@/locales/es.json';
import fr from '@/locales/fr.json';
import ru from '@/locales/ru.json';
import zh from '@/locales/zh.json';

// The six official UN languages, each named in its own script for the switcher.
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'zh', name: '中文', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const DEFAULT_LANGUAGE: LanguageCode = 'en';
export const LANGUAGE_STORAGE_KEY = 'tenderbridge.language';

// Features keep their own strings in locales/<feature>/<language>.json, each under one
// top-level key named for the feature, so helpers never edit the same file; they are
// merged over the shared files here.
const featureLocales = import.meta.glob<Record<string, unknown>>('../locales/*/*.json', {
  eager: true,
  import: 'default',
});
function withFeatures<T extends object>(code: string, base: T): T {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [file, strings] of Object.entries(featureLocales)) {
    if (file.endsWith(`/${code}.json`)) Object.assign(merged, strings);
  }
  return merged as T;
}

export const resources = {
  en: withFeatures('en', en),
  fr: withFeatures('fr', fr),
  es: withFeatures('es', es),
  zh: withFeatures('zh', zh),
  ar: withFeatures('ar', ar),
  ru: withFeatures('ru', ru),
} as const;

export function isLanguageCode(value: unknown): value is LanguageCode {
  return typeof value === 'string' && LANGUAGES.some((language) => language.code === value);
}

export function languageDirection(code: string): 'ltr' | 'rtl' {
  return LANGUAGES.find((language) => language.code === code)?.dir ?? 'ltr';
}

// "zh-Hant-TW" -> "zh", "fr-CA" -> "fr", anything else -> undefined.
export function matchLanguage(tag: string): LanguageCode | undefined {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return isLanguageCode(primary) ? primary : undefined;
}

function readStoredLanguage(): LanguageCode | undefined {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguageCode(stored) ? stored : undefined;
  } catch {
    return undefined; // storage disabled (private mode, sandboxed frame)
  }
}

// A stored choice wins; on a first visit, the browser's preferred languages in order.
export function detectLanguage(): LanguageCode {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred =
    typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of preferred) {
    const match = tag ? matchLanguage(tag) : undefined;
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

export function persistLanguage(code: LanguageCode): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
  } catch {
    // The choice still applies to this page; it just is not remembered.
  }
}

// <html lang dir> drive screen readers, fonts, hyphenation and the RTL mirror of
// every logical CSS property.
export function applyDocumentLanguage(code: string): void {
  const root = document.documentElement;
  root.lang = code;
  root.dir = languageDirection(code);
}

export function createI18n(language: LanguageCode = detectLanguage()): I18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  void instance.init({
    resources: Object.fromEntries(
      Object.entries(resources).map(([code, translation]) => [code, { translation }]),
    ),
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
  });
  applyDocumentLanguage(language);
  instance.on('languageChanged', (code) => {
    applyDocumentLanguage(code);
    document.title = instance.t('app.name');
  });
  return instance;
}
