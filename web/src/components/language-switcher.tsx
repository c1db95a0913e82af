import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguageCode, LANGUAGES, persistLanguage } from '@/lib/i18n';

// Each language is named in its own script so a reader finds theirs whatever
// language the page is in now.
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = isLanguageCode(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <div className="language-switcher">
      <label htmlFor={id} className="language-switcher__label">
        {t('language.label')}
      </label>
      <select
        id={id}
        className="select select--compact"
        value={current}
        onChange={(event) => {
          const code = event.target.value;
          if (!isLanguageCode(code)) return;
          persistLanguage(code);
          void i18n.changeLanguage(code);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </div>
  );
}
