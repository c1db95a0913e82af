import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatCountries } from '@/lib/format';
import { type Notice, noticePath } from '../types/notice';
import { DeadlineSummary } from './deadline';
import { NoticeBadges } from './notice-badges';
import { UnspscCodes } from './unspsc-codes';

const MAX_CARD_CODES = 4;

export function NoticeCard({ notice }: { notice: Notice }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const titleId = `notice-${notice.id}-title`;
  const codes = notice.unspsc.slice(0, MAX_CARD_CODES);
  return (
    <article className="notice-card" aria-labelledby={titleId} data-testid="notice-card">
      <h2 className="notice-card__title" id={titleId}>
        {/* The list's query travels along so the notice page can link back to it. */}
        <Link to={noticePath(notice)} state={{ listSearch: search }} lang={notice.title_language} dir="auto">
          {notice.title || notice.reference || t('notice.untitled')}
        </Link>
      </h2>
      <NoticeBadges type={notice.type} status={notice.status} />
      <dl className="notice-card__facts">
        <div>
          <dt>{t('notice.fields.buyer')}</dt>
          <dd>{notice.buyer || t('common.notGiven')}</dd>
        </div>
        {notice.countries.length > 0 ? (
          <div>
            <dt>{t('notice.fields.countries')}</dt>
            <dd>{formatCountries(notice.countries, i18n.language)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('notice.fields.deadline')}</dt>
          <dd>
            <DeadlineSummary deadline={notice.deadline} />
          </dd>
        </div>
        {notice.reference ? (
          <div>
            <dt>{t('notice.fields.reference')}</dt>
            <dd className="mono">{notice.reference}</dd>
          </div>
        ) : null}
      </dl>
      {codes.length > 0 ? (
        <div className="notice-card__codes">
          <span className="visually-hidden">{t('notice.fields.unspsc')}</span>
          <UnspscCodes codes={codes} compact />
          {notice.unspsc.length > MAX_CARD_CODES ? (
            <span className="muted">
              {t('notice.moreCodes', { count: notice.unspsc.length - MAX_CARD_CODES })}
            </span>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
