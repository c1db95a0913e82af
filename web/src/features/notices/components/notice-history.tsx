import { useTranslation } from 'react-i18next';
import { formatDateTime, parseInstant } from '@/lib/format';
import type { Amendment, NoticeVersion } from '../types/notice';

interface Props {
  amendments: Amendment[];
  versions: NoticeVersion[];
}

// What the agency amended (from the source) and what TenderBridge recorded
// each time an import changed the notice.
export function NoticeHistory({ amendments, versions }: Props) {
  const { t, i18n } = useTranslation();
  const when = (value: string | undefined) => {
    const date = parseInstant(value);
    return date ? <time dateTime={date.toISOString()}>{formatDateTime(date, i18n.language)}</time> : null;
  };
  return (
    <>
      <section className="panel" aria-labelledby="amendments-heading">
        <h2 id="amendments-heading" className="panel__title">
          {t('notice.sections.amendments')}
        </h2>
        {amendments.length === 0 ? (
          <p className="muted">{t('notice.noAmendments')}</p>
        ) : (
          <ol className="timeline">
            {amendments.map((amendment, index) => (
              <li key={amendment.id ?? index} className="timeline__item">
                <p className="timeline__when">{when(amendment.date) ?? t('common.notGiven')}</p>
                {amendment.rationale ? <p dir="auto">{amendment.rationale}</p> : null}
                {amendment.description ? (
                  <p className="muted" dir="auto">
                    {amendment.description}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {versions.length > 0 ? (
        <section className="panel" aria-labelledby="versions-heading">
          <h2 id="versions-heading" className="panel__title">
            {t('notice.sections.versions')}
          </h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('notice.versions.version')}</th>
                  <th scope="col">{t('notice.versions.recordedAt')}</th>
                  <th scope="col">{t('notice.versions.source')}</th>
                  <th scope="col">{t('notice.versions.changedFields')}</th>
                </tr>
              </thead>
              <tbody>
                {[...versions].sort((a, b) => a.version - b.version).map((version, index) => (
                  <tr key={version.version}>
                    <td>{version.version}</td>
                    <td>{when(version.recorded_at)}</td>
                    <td>{version.source?.toUpperCase()}</td>
                    <td>
                      {/* The first version "changes" every field; saying so is clearer. */}
                      {index > 0 && version.changed_fields.length > 0
                        ? version.changed_fields
                            .map((field) => t(`notice.changedFields.${field}`, { defaultValue: field }))
                            .join(', ')
                        : t('notice.versions.firstVersion')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
