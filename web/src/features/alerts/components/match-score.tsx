import { useTranslation } from 'react-i18next';

// The ranker's score (0..1) as "Match 83 %", in the UI language's number conventions.
export function MatchScore({ score }: { score: number | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  const clamped = Math.min(1, Math.max(0, score));
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(clamped);
  return (
    <span className="match-score" data-testid="match-score">
      {t('alerts.match', { percent })}
    </span>
  );
}
