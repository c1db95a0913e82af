import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { ApiError, fieldErrorOf } from '@/lib/api-client';
import { type Candidate, type Committee, useCommittee, useCommitteeCandidates, useSetCommittee } from '../../api/committee';
import type { Tender } from '../../api/schemas';
import type { CommitteeDraft } from '../../model/validation';
import { checkCommittee } from '../../model/validation';
import { KeyCeremonyPanel } from '../key-ceremony-panel';
import { isolate } from '../../model/bidi';

export function committeeDraftOf(committee: Committee | undefined, fallbackThreshold: number): CommitteeDraft {
  const members = committee?.members ?? [];
  const byPosition = (role: 'opening' | 'evaluator') =>
    members
      .filter((m) => m.role === role)
      .sort((a, b) => a.position - b.position)
      .map((m) => m.userId);
  return { opening: byPosition('opening'), evaluators: byPosition('evaluator'), threshold: committee?.threshold ?? fallbackThreshold };
}

// The opening committee (k of whose n members open together) and the evaluators (ET-06):
// chosen from the agency's people, saved with one PUT whose refusals (the creator opening,
// one person in both lists, a role the person lacks) are shown beside the member concerned.
export function CommitteeStep({ tender, me, readOnly }: { tender: Tender; me: string | undefined; readOnly: boolean }) {
  const committee = useCommittee(tender.ocid);
  // Held here so that its outcome outlives the editor, which starts afresh from each saved
  // committee.
  const save = useSetCommittee(tender.ocid);
  if (committee.isPending) return <p className="muted">{'…'}</p>;
  return (
    <>
      <CommitteeEditor
        key={committee.dataUpdatedAt}
        tender={tender}
        committee={committee.data}
        canEdit={!readOnly}
        save={save}
      />
      <KeyCeremonyPanel tender={tender} me={me} />
    </>
  );
}

function CommitteeEditor({
  tender,
  committee,
  canEdit,
  save,
}: {
  tender: Tender;
  committee: Committee | undefined;
  canEdit: boolean;
  save: ReturnType<typeof useSetCommittee>;
}) {
  const { t } = useTranslation();
  // In a draft both lists change; later only the evaluators, until the evaluation closes.
  const readOnly = !canEdit || tender.state !== 'draft';
  const evaluatorsLocked = !canEdit || ['awarded', 'completed', 'cancelled'].includes(tender.state);
  const candidates = useCommitteeCandidates(tender.ocid, canEdit);
  const [draft, setDraft] = useState<CommitteeDraft>(() => committeeDraftOf(committee, tender.opening_threshold));
  const [manualId, setManualId] = useState('');
  const names = new Map<string, string>();
  for (const m of committee?.members ?? []) names.set(m.userId, m.name);
  for (const c of candidates.data ?? []) names.set(c.user_id, c.display_name || c.email);
  const nameOf = (id: string) => names.get(id) || t('tenders.committee.userN', { id });
  const keyOf = new Map((committee?.members ?? []).map((m) => [m.userId, m.sealingKey]));

  const refused = fieldErrorOf(save.error);
  const errorFor = (path: string) => (refused && refused.field === path ? isolate(refused.message) : undefined);
  const localIssues = checkCommittee(draft, undefined, 3);
  const changed = JSON.stringify(draft) !== JSON.stringify(committeeDraftOf(committee, tender.opening_threshold));

  const add = (list: 'opening' | 'evaluators', id: string) => {
    if (!id || draft[list].includes(id)) return;
    setDraft({ ...draft, [list]: [...draft[list], id] });
  };
  const remove = (list: 'opening' | 'evaluators', index: number) => setDraft({ ...draft, [list]: draft[list].filter((_, i) => i !== index) });
  const move = (index: number, by: number) => {
    const next = [...draft.opening];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    setDraft({ ...draft, opening: next });
  };
  const pickable = (role: string) =>
    (candidates.data ?? []).filter((c: Candidate) => c.roles.includes(role) && !draft.opening.includes(c.user_id) && !draft.evaluators.includes(c.user_id));
  // Without a people list from the server (GET .../committee/candidates), people are added by
  // their user number instead.
  const candidatesMissing = candidates.isError && candidates.error instanceof ApiError && [404, 405].includes(candidates.error.status);

  const n = draft.opening.length;
  return (
    <div className="tb-committee">
      <p className="field__hint">{t('tenders.committee.intro')}</p>
      {tender.state !== 'draft' ? <p className="muted">{t('tenders.committee.lockedAfterDraft')}</p> : null}
      <div className="tb-committee__lists">
        <section className="panel" aria-labelledby="opening-title">
          <h3 id="opening-title" className="panel__title">
            {t('tenders.committee.opening')}
          </h3>
          {errorFor('opening') ? <p className="field__error">{errorFor('opening')}</p> : null}
          {n === 0 ? <p className="muted">{t('tenders.committee.noneYet')}</p> : null}
          <ol className="tb-member-list" data-testid="opening-members">
            {draft.opening.map((id, i) => (
              <li key={id} className="tb-member">
                <span className="tb-member__position" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="tb-member__name" dir="auto">
                  {nameOf(id)}
                </span>
                <span className={`badge ${keyOf.get(id) ? 'badge--ok' : 'badge--warning'}`}>
                  {keyOf.get(id) ? t('tenders.committee.hasKey') : t('tenders.committee.noKey')}
                </span>
                {readOnly ? null : (
                  <span className="tb-member__actions">
                    <button type="button" className="button button--secondary button--small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('tenders.committee.moveUp', { name: nameOf(id) })}>
                      ↑
                    </button>
                    <button type="button" className="button button--secondary button--small" disabled={i === n - 1} onClick={() => move(i, 1)} aria-label={t('tenders.committee.moveDown', { name: nameOf(id) })}>
                      ↓
                    </button>
                    <button type="button" className="button button--secondary button--danger button--small" onClick={() => remove('opening', i)} aria-label={t('tenders.committee.removeMember', { name: nameOf(id) })}>
                      ×
                    </button>
                  </span>
                )}
                {errorFor(`opening.${i}`) ? (
                  <p className="field__error tb-member__error" data-testid={`opening-${i}-error`}>
                    {errorFor(`opening.${i}`)}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          {readOnly || !candidates.isSuccess ? null : (
            <MemberPicker label={t('tenders.committee.addOpening')} options={pickable('committee_member')} onPick={(id) => add('opening', id)} testId="add-opening-member" />
          )}
          <SelectField
            label={t('tenders.committee.threshold')}
            hint={t('tenders.committee.thresholdHint', { k: draft.threshold, n })}
            value={String(draft.threshold)}
            disabled={readOnly}
            onChange={(e) => setDraft({ ...draft, threshold: Number(e.target.value) })}
            error={errorFor('threshold')}
            data-testid="opening-threshold"
          >
            {Array.from({ length: Math.max(1, n - 2) }, (_, i) => i + 2).map((k) => (
              <option key={k} value={k}>
                {t('tenders.committee.kOfN', { k, n: Math.max(n, k + 1) })}
              </option>
            ))}
          </SelectField>
        </section>
        <section className="panel" aria-labelledby="evaluators-title">
          <h3 id="evaluators-title" className="panel__title">
            {t('tenders.committee.evaluators')}
          </h3>
          {errorFor('evaluators') ? <p className="field__error">{errorFor('evaluators')}</p> : null}
          {draft.evaluators.length === 0 ? <p className="muted">{t('tenders.committee.noneYet')}</p> : null}
          <ul className="tb-member-list" data-testid="evaluators">
            {draft.evaluators.map((id, i) => (
              <li key={id} className="tb-member">
                <span className="tb-member__name" dir="auto">
                  {nameOf(id)}
                </span>
                {evaluatorsLocked ? null : (
                  <button type="button" className="button button--secondary button--danger button--small" onClick={() => remove('evaluators', i)} aria-label={t('tenders.committee.removeMember', { name: nameOf(id) })}>
                    ×
                  </button>
                )}
                {errorFor(`evaluators.${i}`) ? <p className="field__error tb-member__error">{errorFor(`evaluators.${i}`)}</p> : null}
              </li>
            ))}
          </ul>
          {evaluatorsLocked || !candidates.isSuccess ? null : (
            <MemberPicker label={t('tenders.committee.addEvaluator')} options={pickable('evaluator')} onPick={(id) => add('evaluators', id)} testId="add-evaluator" />
          )}
        </section>
      </div>
      {candidatesMissing && !evaluatorsLocked ? (
        <div className="tb-inline-row tb-by-id">
          <TextField label={t('tenders.committee.byId')} value={manualId} inputMode="numeric" dir="ltr" onChange={(e) => setManualId(e.target.value.trim())} />
          {readOnly ? null : (
            <button type="button" className="button button--secondary" onClick={() => (add('opening', manualId), setManualId(''))}>
              {t('tenders.committee.asOpening')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={() => (add('evaluators', manualId), setManualId(''))}>
            {t('tenders.committee.asEvaluator')}
          </button>
          <p className="field__hint tb-by-id__hint">{t('tenders.committee.byIdHint')}</p>
        </div>
      ) : null}
      {localIssues.length > 0 && changed ? (
        <ul className="tb-issues" aria-label={t('tenders.committee.checks')}>
          {localIssues.map((issue) => (
            <li key={issue.field + issue.key}>{t(`tenders.validation.${issue.key}`, issue.params)}</li>
          ))}
        </ul>
      ) : null}
      {save.error && !refused ? (
        <p className="field__error" role="alert">
          {save.error instanceof ApiError ? save.error.detail : String(save.error)}
        </p>
      ) : null}
      {evaluatorsLocked ? null : (
        <div className="form__actions">
          <button type="button" className="button" disabled={!changed || save.isPending} onClick={() => save.mutate(draft)} data-testid="save-committee">
            {save.isPending ? t('tenders.common.saving') : t('tenders.committee.save')}
          </button>
          {save.isSuccess && !changed ? (
            <span className="status status--ok" role="status">
              {t('tenders.committee.saved')}
            </span>
          ) : null}
        </div>
      )}
      {tender.state === 'draft' && (committee?.keys.length ?? 0) > 0 && changed ? <p className="alert alert--warning">{t('tenders.committee.keysDiscarded')}</p> : null}
    </div>
  );
}

function MemberPicker({ label, options, onPick, testId }: { label: string; options: Candidate[]; onPick: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <SelectField label={label} value="" onChange={(e) => onPick(e.target.value)} data-testid={testId} disabled={options.length === 0}>
      <option value="">{options.length === 0 ? t('tenders.committee.noCandidates') : t('tenders.common.choose')}</option>
      {options.map((c) => (
        <option key={c.user_id} value={c.user_id}>
          {c.display_name || c.email}
          {c.email && c.display_name ? ` (${c.email})` : ''}
        </option>
      ))}
    </SelectField>
  );
}
