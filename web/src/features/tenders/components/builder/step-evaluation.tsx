import { useTranslation } from 'react-i18next';
import { CheckboxField, TextField } from '@/components/forms/field';
import { formatNumber } from '@/lib/format';
import { type ComplianceItem, type Criterion, ENVELOPE_MODES, EVALUATION_METHODS, type EvaluationRules } from '../../api/schemas';
import { newComplianceItem, newCriterion } from '../../model/draft';
import type { StepProps } from './step-props';

const whole = (raw: string) => (raw.trim() === '' ? 0 : Math.trunc(Number(raw)));

// Envelopes and the evaluation method (issue #6 item 1): lowest-priced technically compliant,
// or weighted (e.g. 70/30) with financial score = lowest price / price × financial weight;
// criteria with weights, sustainability criteria among them, and pass/fail requirements.
export function EvaluationStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t, i18n } = useTranslation();
  const e = draft.evaluation;
  const set = (change: Partial<EvaluationRules>) => update('evaluation', { ...e, ...change });
  const setCriterion = (index: number, change: Partial<Criterion>) =>
    set({ criteria: e.criteria.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  const setCompliance = (index: number, change: Partial<ComplianceItem>) =>
    set({ compliance: e.compliance.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  const totalWeight = e.criteria.reduce((sum, c) => sum + (c.weight > 0 ? c.weight : 0), 0);
  const sustainabilityWeight = e.criteria.filter((c) => c.sustainability).reduce((sum, c) => sum + (c.weight > 0 ? c.weight : 0), 0);
  const percent = (part: number) => formatNumber(totalWeight > 0 ? Math.round((part / totalWeight) * 1000) / 10 : 0, i18n.language);

  return (
    <>
      <fieldset className="form__group" disabled={readOnly}>
        <legend className="form__legend">{t('tenders.evaluation.envelopes')}</legend>
        <div className="tb-choices">
          {ENVELOPE_MODES.map((mode) => (
            <label key={mode} className={`tb-choice${draft.envelope_mode === mode ? ' tb-choice--active' : ''}`}>
              <input
                type="radio"
                name="envelope_mode"
                checked={draft.envelope_mode === mode}
                onChange={() => update('envelope_mode', mode)}
                data-testid={`envelope-mode-${mode}`}
              />
              <span className="tb-choice__title">{t(`tenders.evaluation.modes.${mode}.name`)}</span>
              <span className="tb-choice__text">{t(`tenders.evaluation.modes.${mode}.text`)}</span>
            </label>
          ))}
        </div>
        {errorFor('envelope_mode') ? <p className="field__error">{errorFor('envelope_mode')}</p> : null}
      </fieldset>

      <fieldset className="form__group" disabled={readOnly}>
        <legend className="form__legend">{t('tenders.evaluation.method')}</legend>
        <div className="tb-choices">
          {EVALUATION_METHODS.map((method) => (
            <label key={method} className={`tb-choice${e.method === method ? ' tb-choice--active' : ''}`}>
              <input
                type="radio"
                name="evaluation_method"
                checked={e.method === method}
                onChange={() => set({ method, ...(method === 'weighted' && e.technical_weight <= 0 ? { technical_weight: 70, financial_weight: 30 } : {}) })}
                data-testid={`evaluation-method-${method}`}
              />
              <span className="tb-choice__title">{t(`tenders.evaluation.methods.${method}.name`)}</span>
              <span className="tb-choice__text">{t(`tenders.evaluation.methods.${method}.text`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {e.method === 'weighted' ? (
        <div className="form__row">
          <TextField
            label={t('tenders.evaluation.technicalWeight')}
            type="number"
            min={1}
            max={99}
            value={e.technical_weight}
            onChange={(ev) => {
              const technical = whole(ev.target.value);
              set({ technical_weight: technical, financial_weight: 100 - technical });
            }}
            error={errorFor('evaluation.technical_weight')}
            data-testid="technical-weight"
          />
          <TextField
            label={t('tenders.evaluation.financialWeight')}
            type="number"
            min={1}
            max={99}
            value={e.financial_weight}
            onChange={(ev) => {
              const financial = whole(ev.target.value);
              set({ financial_weight: financial, technical_weight: 100 - financial });
            }}
            error={errorFor('evaluation.financial_weight')}
            data-testid="financial-weight"
          />
        </div>
      ) : null}
      <TextField
        label={t('tenders.evaluation.minimumTechnical')}
        hint={t('tenders.evaluation.minimumTechnicalHint')}
        type="number"
        min={0}
        max={100}
        value={e.minimum_technical_percent}
        onChange={(ev) => set({ minimum_technical_percent: whole(ev.target.value) })}
        error={errorFor('evaluation.minimum_technical_percent')}
        data-testid="minimum-technical"
      />
      <p className="tb-formula" data-testid="evaluation-formula">
        {e.method === 'weighted'
          ? t('tenders.evaluation.formulaWeighted', { technical: e.technical_weight, financial: e.financial_weight })
          : t('tenders.evaluation.formulaLowest')}
      </p>

      <fieldset className="form__group">
        <legend className="form__legend">{t('tenders.evaluation.criteria')}</legend>
        <p className="field__hint">{e.method === 'weighted' ? t('tenders.evaluation.criteriaHintWeighted') : t('tenders.evaluation.criteriaHintLowest')}</p>
        {errorFor('evaluation.criteria') ? <p className="field__error">{errorFor('evaluation.criteria')}</p> : null}
        {e.criteria.map((c, i) => (
          <fieldset key={i} className={`list-editor__item${c.sustainability ? ' tb-sustainability' : ''}`} data-testid={`criterion-${i}`}>
            <legend className="form__legend">
              {t('tenders.evaluation.criterionN', { n: i + 1 })}
              {c.sustainability ? <span className="badge badge--ok tb-legend-badge">{t('tenders.evaluation.sustainability')}</span> : null}
            </legend>
            <TextField
              label={t('tenders.evaluation.criterionTitle')}
              value={c.title}
              dir="auto"
              onChange={(ev) => setCriterion(i, { title: ev.target.value })}
              error={errorFor(`evaluation.criteria.${i}.title`) ?? errorFor(`evaluation.criteria.${i}.id`)}
              data-testid={`criterion-${i}-title`}
            />
            <div className="form__row">
              <TextField
                label={t('tenders.evaluation.weight')}
                type="number"
                min={1}
                max={1000}
                value={c.weight}
                onChange={(ev) => setCriterion(i, { weight: whole(ev.target.value) })}
                error={errorFor(`evaluation.criteria.${i}.weight`)}
                hint={t('tenders.evaluation.share', { percent: percent(c.weight) })}
                data-testid={`criterion-${i}-weight`}
              />
              <TextField
                label={t('tenders.evaluation.maxScore')}
                type="number"
                min={1}
                max={1000}
                value={c.max_score}
                onChange={(ev) => setCriterion(i, { max_score: whole(ev.target.value) })}
                error={errorFor(`evaluation.criteria.${i}.max_score`)}
              />
            </div>
            <CheckboxField
              label={t('tenders.evaluation.isSustainability')}
              checked={c.sustainability}
              disabled={readOnly}
              onChange={(ev) => setCriterion(i, { sustainability: ev.target.checked })}
            />
            {readOnly ? null : (
              <button type="button" className="button button--secondary button--danger button--small" onClick={() => set({ criteria: e.criteria.filter((_, n) => n !== i) })}>
                {t('tenders.evaluation.removeCriterion', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {e.criteria.length > 0 ? (
          <p className="muted" data-testid="sustainability-share">
            {t('tenders.evaluation.sustainabilityShare', { percent: percent(sustainabilityWeight) })}
          </p>
        ) : null}
        {readOnly ? null : (
          <div className="form__actions">
            <button type="button" className="button button--secondary" onClick={() => set({ criteria: [...e.criteria, newCriterion(e.criteria)] })} data-testid="add-criterion">
              {t('tenders.evaluation.addCriterion')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => set({ criteria: [...e.criteria, newCriterion(e.criteria, true)] })}
              data-testid="add-sustainability-criterion"
            >
              {t('tenders.evaluation.addSustainability')}
            </button>
          </div>
        )}
      </fieldset>

      <fieldset className="form__group">
        <legend className="form__legend">{t('tenders.evaluation.compliance')}</legend>
        <p className="field__hint">{t('tenders.evaluation.complianceHint')}</p>
        {e.compliance.map((c, i) => (
          <div key={i} className="tb-inline-row">
            <TextField
              label={t('tenders.evaluation.requirementN', { n: i + 1 })}
              value={c.title}
              dir="auto"
              onChange={(ev) => setCompliance(i, { title: ev.target.value })}
              error={errorFor(`evaluation.compliance.${i}.title`) ?? errorFor(`evaluation.compliance.${i}.id`)}
            />
            {readOnly ? null : (
              <button
                type="button"
                className="button button--secondary button--danger button--small"
                aria-label={t('tenders.evaluation.removeRequirement', { n: i + 1 })}
                onClick={() => set({ compliance: e.compliance.filter((_, n) => n !== i) })}
              >
                {t('tenders.common.remove')}
              </button>
            )}
          </div>
        ))}
        {readOnly ? null : (
          <button type="button" className="button button--secondary" onClick={() => set({ compliance: [...e.compliance, newComplianceItem(e.compliance)] })}>
            {t('tenders.evaluation.addRequirement')}
          </button>
        )}
      </fieldset>
    </>
  );
}
