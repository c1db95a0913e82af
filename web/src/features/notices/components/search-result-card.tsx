import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { countryName, flagEmoji } from '@/lib/format';
import { noticePath } from '../types/notice';
import type { Hit } from '../types/search';
import { DeadlineSummary } from './deadline';
import { HighlightedText } from './highlighted-text';
import { UnspscCodes } from './unspsc-codes';

const MAX_CARD_CODES = 4;

// One search hit: highlighted title, agency, type, status, countries with
// flags, deadline countdown, codes with their titles and a snippet.
export function SearchResultCard({ hit }: { hit: Hit }) {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const titleId = `hit-${hit.id}-title`;
  const codes = hit.codes.slice(0, MAX_CARD_CODES);
  const title = hit.title || t('notice.untitled');
  return (
    <article className="notice-card search-card" aria-labelledby={titleId} data-testid="notice-card">
      <h3 className="notice-card__title" id={titleId}>
        {/* The search travels along so the notice page can link back to it. */}
        <Link to={noticePath(hit)} state={{ listSearch: search }} lang={hit.title_language} dir="auto">
          <HighlightedText html={hit.title ? cardTitleHtml(hit) : undefined} text={title} />
        </Link>
      </h3>
      <span className="badges">
        {hit.type ? (
          <span className="badge badge--type">{t(`notice.types.${hit.type}`, { defaultValue: hit.type })}</span>
        ) : null}
        {hit.status ? (
          <span className={`badge badge--status badge--search-${hit.status}`}>
            {t(`search.statuses.${hit.status}`, { defaultValue: hit.status })}
          </span>
        ) : null}
      </span>
      <dl className="notice-card__facts">
        <div>
          <dt>{t('search.facets.agency')}</dt>
          <dd title={hit.buyer && hit.buyer !== hit.agency ? hit.buyer : undefined}>
            {hit.agency || hit.buyer || t('common.notGiven')}
          </dd>
        </div>
        {hit.countries.length > 0 ? (
          <div>
            <dt>{t('notice.fields.countries')}</dt>
            <dd>
              <ul className="country-list">
                {hit.countries.map((code) => (
                  <li key={code}>
                    {flagEmoji(code) ? (
                      <span className="flag" aria-hidden="true">
                        {flagEmoji(code)}
                      </span>
                    ) : null}
                    {countryName(code, i18n.language)}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('notice.fields.deadline')}</dt>
          <dd>
            <DeadlineSummary deadline={hit.deadline} />
          </dd>
        </div>
      </dl>
      {hit.snippet_html ? (
        <p className="search-card__snippet" lang={hit.title_language} dir="auto">
          <HighlightedText html={hit.snippet_html} text={stripMarks(hit.snippet_html)} />
        </p>
      ) : null}
      {codes.length > 0 ? (
        <div className="notice-card__codes">
          <span className="visually-hidden">{t('notice.fields.unspsc')}</span>
          <UnspscCodes codes={codes} compact />
          {hit.codes.length > MAX_CARD_CODES ? (
            <span className="muted">{t('notice.moreCodes', { n: hit.codes.length - MAX_CARD_CODES })}</span>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

// Long titles come shortened, the plain one with "…" and the highlighted one
// without: the card shows the ellipsis either way.
function cardTitleHtml(hit: Hit): string | undefined {
  const html = hit.title_html;
  if (!html || !hit.title?.endsWith('…') || html.endsWith('…')) return html;
  return `${html}…`;
}

// A snippet that failed the markup check is shown as text, without its tags.
function stripMarks(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}
