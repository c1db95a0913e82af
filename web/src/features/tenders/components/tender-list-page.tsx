import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { useSession } from '@/lib/auth';
import { formatDateTime, parseInstant } from '@/lib/format';
import { usePageTitle } from '@/lib/use-page-title';
import { TENDER_STATES, type TenderState } from '../api/schemas';
import { useCreateTender, useTenderList } from '../api/tenders';
import { StateBadge } from './form-bits';

const TENDER_ROLES = ['agency_officer', 'committee_member', 'evaluator'];

// The officer's and committee member's list: the agency's tenders by state, drafts included,
// and those on whose committee the user sits.
export function TenderListPage() {
  const { t, i18n } = useTranslation();
  usePageTitle('tenders.list.title');
  const navigate = useNavigate();
  const session = useSession();
  const [filter, setFilter] = useState<TenderState | 'all'>('all');
  const agencies = (session.data?.memberships ?? []).filter((m) => m.roles.includes('agency_officer'));
  // The agency whose tenders are listed: the user's own (officers, committee members and
  // evaluators all work for the buying agency), not every public tender of every agency.
  const agency = (session.data?.memberships ?? []).find((m) => m.kind === 'agency' && m.roles.some((r) => TENDER_ROLES.includes(r)));
  const list = useTenderList(filter === 'all' ? [] : [filter], agency?.organisation);
  const create = useCreateTender();
  const isMember = (session.data?.memberships ?? []).some((m) => m.roles.includes('committee_member'));
  const onCreate = () =>
    create.mutate(
      { organisation_id: agencies.length > 1 ? agencies[0]?.organisation : undefined },
      { onSuccess: (tender) => navigate(`/manage/tenders/${encodeURIComponent(tender.ocid)}/edit?step=basics`) },
    );
  const items = list.data?.items ?? [];
  return (
    <div className="page tb-page">
      <header className="page__header tb-header-row">
        <div>
          <h1 className="page__title">{t('tenders.list.title')}</h1>
          <p className="page__lead">{t('tenders.list.lead')}</p>
        </div>
        <div className="tb-header-actions">
          {isMember ? (
            <Link className="button button--secondary" to="/committee/sealing-key" data-testid="my-sealing-key-link">
              {t('tenders.sealingKey.title')}
            </Link>
          ) : null}
          {agencies.length > 0 ? (
            <button type="button" className="button" onClick={onCreate} disabled={create.isPending} data-testid="new-tender">
              {t('tenders.list.new')}
            </button>
          ) : null}
        </div>
      </header>
      {create.error ? (
        <p className="alert alert--error" role="alert">
          {create.error instanceof ApiError ? create.error.detail : String(create.error)}
        </p>
      ) : null}
      <nav className="tabs" aria-label={t('tenders.list.filterLabel')}>
        {(['all', ...TENDER_STATES] as const).map((state) => (
          <button
            key={state}
            type="button"
            className="tabs__link"
            aria-current={filter === state ? 'page' : undefined}
            onClick={() => setFilter(state)}
            data-testid={`filter-${state}`}
          >
            {state === 'all' ? t('tenders.list.all') : t(`tenders.states.${state}`)}
          </button>
        ))}
      </nav>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorMessage error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t('tenders.list.empty')}</p>
        </div>
      ) : null}
      {list.data && items.length > 0 ? (
        <div className="table-scroll">
          <table className="table" data-testid="tender-table">
            <thead>
              <tr>
                <th scope="col">{t('tenders.fields.title')}</th>
                <th scope="col">{t('tenders.list.state')}</th>
                <th scope="col">{t('tenders.fields.method')}</th>
                <th scope="col">{t('tenders.list.deadline')}</th>
                <th scope="col">{t('tenders.list.buyer')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const deadline = parseInstant(item.deadline);
                return (
                  <tr key={item.ocid}>
                    <td>
                      <Link to={`/manage/tenders/${encodeURIComponent(item.ocid)}`} dir="auto">
                        {item.title || t('tenders.builder.untitled')}
                      </Link>
                      <div className="muted mono" dir="ltr">
                        {item.ocid}
                      </div>
                    </td>
                    <td>
                      <StateBadge state={item.state} />
                    </td>
                    <td>{item.method ? t(`tenders.methods.${item.method}.short`, { defaultValue: item.method }) : ''}</td>
                    <td>{deadline ? formatDateTime(deadline, i18n.language, item.time_zone || undefined) : t('tenders.common.notGiven')}</td>
                    <td dir="auto">{item.buyer.name}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
