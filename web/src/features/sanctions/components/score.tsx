import { useTranslation } from 'react-i18next';

// A name-match score from 0 to 1, as a percentage.
export function Score({ value }: { value: number | null | undefined }) {
  const { i18n } = useTranslation();
  if (value === null || value === undefined) return null;
  return (
    <span className={`score${value >= 0.9 ? ' score--high' : ''}`}>
      {new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(value)}
    </span>
  );
}
