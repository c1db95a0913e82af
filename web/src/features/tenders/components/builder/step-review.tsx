import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatDateTime, formatMoney, formatCountries } from '@/lib/format';
import { ApiError } from '@/lib/api-client';
import { useCommittee } from '../../api/committee';
import type { Tender } from '../../api/schemas';
import { usePublishTender } from '../../api/tenders';
import { resolveLocal } from '../../model/deadline';
import type { TenderDraft } from '../../model/draft';
import { type BuilderStepId, stepOfField } from '../../model/steps';
import { validateTender } from '../../model/validation';
import { committeeDraftOf } from './step-committee';

// Everything on one page before publishing, with what is still missing (each with a link to
// its step) and the server's own refusal when it has one (procedure rules, keys, ET-06).
export function ReviewStep({
  tender,
  draft,
  go,
  flush,
  readOnly,
}: {
  tender: Tender;
  draft: TenderDraft;
  go: (step: BuilderStepId) => void;
  flush: () => Promise<void>;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const committee = useCommittee(tender.ocid);
  const publish = usePublishTender(tender.ocid);
  const issues = validateTender(draft, { now: new Date(), committee: committeeDraftOf(committee.data, tender.opening_threshold) });
  const keysMissing = committee.data ? tender.envelope_mode === 'two' ? committee.data.keys.length < 2 : committee.data.keys.length < 1 : true;
  const resolved = draft.deadline && draft.time_zone ? resolveLocal(draft.deadline, draft.time_zone) : undefined;
  const money = (amount: string) => (amount ? formatMoney(amount, draft.currency, i18n.language) : t('tenders.common.notGiven'));

  const onPublish = async () => {
    await flush();
    publish.mutate(undefined, { onSuccess: (published) => navigate(`/manage/tenders/${encodeURIComponent(published.ocid)}`) });
  };

  return (
    <div className="tb-review">
      <dl className="tb-facts">
        <Fact label={t('tenders.fields.title')} value={draft.title || t('tenders.common.notGiven')} />
        <Fact label={t('tenders.fields.method')} value={t(`tenders.methods.${draft.method}.name`, { defaultValue: draft.method })} />
        <Fact label={t('tenders.fields.mainCategory')} value={draft.main_category ? t(`tenders.categories.${draft.main_category}`) : t('tenders.common.notGiven')} />
        <Fact label={t('tenders.fields.estimatedValue')} value={money(draft.estimated_value)} />
        <Fact label={t('tenders.fields.countries')} value={draft.countries.length ? formatCountries(draft.countries, i18n.language) : t('tenders.common.notGiven')} />
        <Fact label={t('tenders.review.lotsItems')} value={t('tenders.review.lotsItemsValue', { lots: draft.lots.length, items: draft.items.length })} />
        <Fact
          label={t('tenders.review.deadline')}
          value={resolved?.kind === 'ok' ? formatDateTime(resolved.instant, i18n.language, draft.time_zone) : t('tenders.common.notGiven')}
        />
        <Fact label={t('tenders.evaluation.envelopes')} value={t(`tenders.evaluation.modes.${draft.envelope_mode}.name`)} />
        <Fact
          label={t('tenders.evaluation.method')}
          value={
            draft.evaluation.method === 'weighted'
              ? t('tenders.review.weighted', { technical: draft.evaluation.technical_weight, financial: draft.evaluation.financial_weight })
              : t('tenders.evaluation.methods.lowest_price.name')
          }
        />
        <Fact
          label={t('tenders.evaluation.criteria')}
          value={t('tenders.review.criteriaValue', {
            criteria: draft.evaluation.criteria.length,
            sustainability: draft.evaluation.criteria.filter((c) => c.sustainability).length,
          })}
        />
        <Fact label={t('tenders.eligibility.level')} value={t(`tenders.eligibility.levels.${draft.eligibility.minimum_ungm_level}`, { defaultValue: draft.eligibility.minimum_ungm_level })} />
        <Fact label={t('tenders.eligibility.security')} value={draft.bid_security.required ? money(draft.bid_security.amount) : t('tenders.review.noSecurity')} />
        <Fact
          label={t('tenders.committee.opening')}
          value={t('tenders.review.committeeValue', {
            n: committeeDraftOf(committee.data, tender.opening_threshold).opening.length,
            k: committee.data?.threshold ?? tender.opening_threshold,
            evaluators: committeeDraftOf(committee.data, tender.opening_threshold).evaluators.length,
          })}
        />
      </dl>

      {issues.length > 0 || keysMissing ? (
        <section className="alert alert--warning" aria-labelledby="review-issues" data-testid="review-issues">
          <h3 id="review-issues" className="alert__title">
            {t('tenders.review.missing')}
          </h3>
          <ul>
            {issues.map((issue) => {
              const step = stepOfField(issue.field) ?? 'review';
              return (
                <li key={`${issue.field}-${issue.key}`}>
                  <button type="button" className="link-button" onClick={() => go(step)}>
                    {t(`tenders.steps.${step}`)}
                  </button>
                  {': '}
                  {t(`tenders.validation.${issue.key}`, issue.params)}
                  <span className="visually-hidden"> ({issue.field})</span>
                </li>
              );
            })}
            {keysMissing ? (
              <li>
                <button type="button" className="link-button" onClick={() => go('committee')}>
                  {t('tenders.steps.committee')}
                </button>
                {': '}
                {t('tenders.validation.keysMissing')}
              </li>
            ) : null}
          </ul>
        </section>
      ) : (
        <p className="status status--ok">{t('tenders.review.ready')}</p>
      )}

      {publish.error ? (
        <div className="alert alert--error" role="alert" data-testid="publish-error">
          <p className="alert__title">{t('tenders.review.refused')}</p>
          <p dir="auto">{publish.error instanceof ApiError ? (publish.error.detail ?? publish.error.message) : String(publish.error)}</p>
          {publish.error instanceof ApiError && publish.error.problem?.field ? (
            <button type="button" className="link-button" onClick={() => go(stepOfField(publish.error instanceof ApiError ? (publish.error.problem?.field ?? '').replace(/\//g, '.') : '') ?? 'review')}>
              {t('tenders.review.goToField')}
            </button>
          ) : null}
        </div>
      ) : null}
      {readOnly ? null : (
        <div className="form__actions">
          <button type="button" className="button" onClick={() => void onPublish()} disabled={publish.isPending} data-testid="publish-tender">
            {publish.isPending ? t('tenders.review.publishing') : t('tenders.review.publish')}
          </button>
          <p className="field__hint">{t('tenders.review.publishHint')}</p>
        </div>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="tb-fact">
      <dt>{label}</dt>
      <dd dir="auto">{value}</dd>
    </div>
  );
}
