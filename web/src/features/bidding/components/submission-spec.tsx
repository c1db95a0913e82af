import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, parseInstant } from '@/lib/format';
import type { SubmissionSpec } from '../api/tender';

// The submission specification every tender publishes (SECURITY.md ET-12): the acceptance
// rule, the time source, formats, size limits and the envelope key fingerprints a supplier
// can compare with what the bid page and `tenderbridge bid seal` print.
export function SubmissionSpecPanel({ spec, deadline }: { spec: SubmissionSpec; deadline?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const instant = parseInstant(spec.deadline ?? deadline);
  const megabytes = spec.max_envelope_bytes / (1024 * 1024);
  return (
    <section className="panel stack" aria-labelledby="submission-spec-heading" data-testid="submission-spec">
      <h2 id="submission-spec-heading" className="panel__title">
        {t('bidding.spec.title')}
      </h2>
      <p className="bidding-rule" data-testid="acceptance-rule">
        <strong>{t('bidding.spec.rule')}</strong>{' '}
        {instant ? (
          <span className="mono" dir="ltr">
            receipt_time &lt; {instant.toISOString()}
          </span>
        ) : null}
      </p>
      <p className="muted">{t('bidding.spec.ruleDetail')}</p>
      <dl className="facts facts--compact">
        {instant ? (
          <div className="facts__row">
            <dt>{t('bidding.spec.deadline')}</dt>
            <dd>{formatDateTime(instant, lang, 'UTC')}</dd>
          </div>
        ) : null}
        <div className="facts__row">
          <dt>{t('bidding.spec.timeSource')}</dt>
          <dd>{t('bidding.spec.timeSourceValue')}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.spec.formats')}</dt>
          <dd className="mono">{spec.accepted_formats.length > 0 ? spec.accepted_formats.join(', ') : t('bidding.spec.anyFormat')}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.spec.maxSize')}</dt>
          <dd>{t('bidding.spec.maxSizeValue', { size: formatNumber(Math.round(megabytes * 10) / 10, lang) })}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.spec.maxFiles')}</dt>
          <dd>{formatNumber(spec.max_files_per_envelope, lang)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('bidding.spec.encryption')}</dt>
          <dd>{t('bidding.spec.encryptionValue')}</dd>
        </div>
      </dl>
      <h3 className="form__subtitle">{t('bidding.spec.keys')}</h3>
      {spec.envelopes.length === 0 ? (
        <p className="muted">{t('bidding.spec.noKeys')}</p>
      ) : (
        <ul className="bidding-keys">
          {spec.envelopes.map((key) => (
            <li key={key.envelope} data-testid={`fingerprint-${key.envelope}`}>
              <span>{t(`bidding.envelopes.${key.envelope}`, { defaultValue: key.envelope })}</span>
              <code className="hash" dir="ltr">
                {key.fingerprint}
              </code>
            </li>
          ))}
        </ul>
      )}
      <p className="field__hint">{t('bidding.spec.keysHint')}</p>
    </section>
  );
}
