import { useTranslation } from 'react-i18next';
import { unspscTitle, useUnspscCodes } from '../api/get-unspsc-codes';

interface Props {
  codes: readonly string[];
  // Short form for cards: codes in one line, titles only as hover text.
  compact?: boolean;
}

// UNSPSC codes with their titles in the UI language (one batch look-up).
export function UnspscCodes({ codes, compact = false }: Props) {
  const { t, i18n } = useTranslation();
  const lookup = useUnspscCodes(codes);
  if (codes.length === 0) return <p className="muted">{t('notice.noCodes')}</p>;
  return (
    <ul className={compact ? 'codes codes--compact' : 'codes'}>
      {codes.map((code) => {
        const entry = lookup.data?.get(code);
        const title = unspscTitle(entry, i18n.language);
        return (
          <li key={code} className="codes__item">
            <span className="codes__code">{code}</span>
            {title ? (
              <span className="codes__title" lang={entry?.titles[i18n.language] ? undefined : 'en'}>
                {title}
              </span>
            ) : null}
            {!compact && entry?.level ? (
              <span className="codes__level">
                {t(`unspsc.levels.${entry.level}`, { defaultValue: entry.level })}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
