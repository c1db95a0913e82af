import { useTranslation } from 'react-i18next';

// Type and status as small labels; unknown values from a new source show as sent.
export function NoticeBadges({ type, status }: { type?: string; status?: string }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      {type ? (
        <span className="badge badge--type">{t(`notice.types.${type}`, { defaultValue: type })}</span>
      ) : null}
      {status ? (
        <span className={`badge badge--status badge--${status}`}>
          {t(`notice.statuses.${status}`, { defaultValue: status })}
        </span>
      ) : null}
    </span>
  );
}
