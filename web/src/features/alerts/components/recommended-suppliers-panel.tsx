import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { ApiError } from '@/lib/api-client';
import { hasRole, OFFICER_OR_STAFF, useSession } from '@/lib/auth';
import { countryName, flagEmoji, formatNumber } from '@/lib/format';
import { useUnspscEntries } from '@/lib/unspsc';
import { useInviteSuppliers, useRecommendedSuppliers } from '../api/alerts';
import { ExplanationChips } from './explanation-chips';
import { MatchScore } from './match-score';

// On a notice page, for agency officers and centre staff: the suppliers the notice fits,
// ranked, with their reasons and SME / women-owned status; ticked ones can be invited, which
// sends them the notice. Suppliers already invited are marked and cannot be ticked.
export function RecommendedSuppliersPanel({ noticeId, agency }: { noticeId: number; agency?: string }) {
  const session = useSession();
  if (!hasRole(session.data, OFFICER_OR_STAFF)) return null;
  return <PanelBody noticeId={noticeId} agency={agency} />;
}

function PanelBody({ noticeId, agency }: { noticeId: number; agency?: string }) {
  const { t, i18n } = useTranslation();
  const suppliers = useRecommendedSuppliers(noticeId);
  const invite = useInviteSuppliers(noticeId);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [invitedCount, setInvitedCount] = useState<number>();
  const codes = useMemo(() => suppliers.data?.flatMap((s) => s.explanation?.codes.map((c) => c.notice_code) ?? []) ?? [], [suppliers.data]);
  const titles = useUnspscEntries(codes).data;
  const forbidden = suppliers.error instanceof ApiError && suppliers.error.status === 403;

  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
    setInvitedCount(undefined);
  };
  const send = () =>
    invite.mutate([...selected], {
      onSuccess: (answer) => {
        setInvitedCount(answer.invited);
        setSelected(new Set());
      },
    });

  return (
    <section className="panel recommended-suppliers" aria-labelledby="recommended-suppliers-title" data-testid="recommended-suppliers">
      <h2 id="recommended-suppliers-title" className="panel__title">
        {t('alerts.suppliers.title')}
      </h2>
      <p className="muted">{t('alerts.suppliers.lead')}</p>
      {suppliers.isPending ? <Loading /> : null}
      {forbidden ? (
        <p className="muted" data-testid="suppliers-none">
          {t('alerts.suppliers.forbidden')}
        </p>
      ) : null}
      {suppliers.isError && !forbidden ? <ErrorMessage error={suppliers.error} onRetry={() => void suppliers.refetch()} /> : null}
      {suppliers.data?.length === 0 ? (
        <p className="empty" data-testid="suppliers-none">
          {t('alerts.suppliers.empty')}
        </p>
      ) : null}
      {suppliers.data && suppliers.data.length > 0 ? (
        <>
          <ol className="supplier-ranking">
            {suppliers.data.map((supplier) => {
              const checkboxId = `invite-${noticeId}-${supplier.supplier_id}`;
              const flag = supplier.country ? flagEmoji(supplier.country) : undefined;
              return (
                <li key={supplier.supplier_id} className="supplier-ranking__item" data-testid="recommended-supplier">
                  <div className="supplier-ranking__head">
                    {supplier.invited ? (
                      <span className="badge badge--ok supplier-ranking__invited">{t('alerts.suppliers.invited')}</span>
                    ) : (
                      <input
                        id={checkboxId}
                        type="checkbox"
                        checked={selected.has(supplier.supplier_id)}
                        onChange={(event) => toggle(supplier.supplier_id, event.target.checked)}
                        aria-label={t('alerts.suppliers.select', { name: supplier.name })}
                      />
                    )}
                    <Link to={`/suppliers/${supplier.supplier_id}/profile`} className="supplier-ranking__name" dir="auto">
                      {supplier.name}
                    </Link>
                    {supplier.country ? (
                      <span className="muted">
                        {flag ? <span aria-hidden="true">{flag} </span> : null}
                        {countryName(supplier.country, i18n.language)}
                      </span>
                    ) : null}
                    {supplier.sme ? <span className="badge badge--type">{t('alerts.suppliers.sme')}</span> : null}
                    {supplier.women_owned ? <span className="badge badge--type">{t('alerts.suppliers.womenOwned')}</span> : null}
                    <MatchScore score={supplier.score} />
                  </div>
                  <ExplanationChips explanation={supplier.explanation} agency={agency} audience="officer" titles={titles} />
                </li>
              );
            })}
          </ol>
          <div className="form__actions">
            <button type="button" className="button" disabled={selected.size === 0 || invite.isPending} onClick={send}>
              {t('alerts.suppliers.invite', { formatted: formatNumber(selected.size, i18n.language) })}
            </button>
            {invitedCount !== undefined ? (
              <span className="status status--ok" role="status">
                {t('alerts.suppliers.invitedCount', { formatted: formatNumber(invitedCount, i18n.language) })}
              </span>
            ) : null}
          </div>
          {invite.isError ? <ErrorMessage error={invite.error} /> : null}
        </>
      ) : null}
    </section>
  );
}
