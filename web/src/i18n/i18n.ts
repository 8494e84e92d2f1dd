/**
 * Our own strings in zh-CN and en (web/locales), by key. The language is the person's remembered
 * choice once signed in, the browser's before that; domain labels come from the API instead.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import zhCN from '../../locales/zh-CN.json';

export type ConsoleLanguage = 'zh-CN' | 'en';

/** zh-CN for any Chinese browser, English otherwise. */
export function browserLanguage(languages: readonly string[] = globalThis.navigator?.languages ?? []): ConsoleLanguage {
  const first = languages[0] ?? 'en';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: browserLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const currentLanguage = (): ConsoleLanguage => (i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
