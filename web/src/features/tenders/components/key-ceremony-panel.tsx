import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromBase64Url, loadSodium, runKeyCeremony } from '@/features/tendering/sealing';
import { ApiError } from '@/lib/api-client';
import { committeeKey, registerEnvelopeKey, useCommittee } from '../api/committee';
import type { EnvelopeKind, Tender } from '../api/schemas';
import { tenderKeys } from '../api/tenders';
import { groupFingerprint, planKeyCeremony } from '../model/key-ceremony';

// The key ceremony (SECURITY.md §5.2 step 1, docs/sealed-bids.md §3): an opening member's
// browser makes each envelope's key pair, splits the secret k-of-n to the members' personal
// keys, uploads only the public key and the sealed shares, and forgets the secret. The
// fingerprints are read out and compared with what bidders will see (ET-12).
export function KeyCeremonyPanel({ tender, me }: { tender: Tender; me: string | undefined }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const committee = useCommittee(tender.ocid);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  if (!committee.data) return null;
  const plan = planKeyCeremony({
    state: tender.state,
    envelopeMode: tender.envelope_mode,
    me,
    members: committee.data.members,
    keys: committee.data.keys,
  });

  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      const sodium = await loadSodium();
      const members = plan.opening.map((m) => ({
        userId: m.userId,
        publicKey: fromBase64Url(sodium, m.sealingKey ?? '', `the sealing key of ${m.name || m.userId}`, 32),
      }));
      for (const kind of plan.missing) {
        const result = await runKeyCeremony(members, committee.data.threshold);
        await registerEnvelopeKey(tender.ocid, kind as EnvelopeKind, result.body);
      }
      await queryClient.invalidateQueries({ queryKey: committeeKey(tender.ocid) });
      await queryClient.invalidateQueries({ queryKey: tenderKeys.one(tender.ocid) });
    } catch (failure) {
      if (failure instanceof ApiError) setError(failure.detail ?? failure.message);
      else if (failure instanceof Error && 'code' in failure && (failure as { code: string }).code === 'unsupported') setError(t('tenders.keys.unsupported'));
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setRunning(false);
    }
  };

  const registered = committee.data.keys;
  return (
    <section className="panel tb-keys" aria-labelledby="keys-title" data-testid="key-ceremony">
      <h3 id="keys-title" className="panel__title">
        {t('tenders.keys.title')}
      </h3>
      <p className="field__hint">{t('tenders.keys.intro', { k: committee.data.threshold, n: plan.opening.length })}</p>
      {registered.length > 0 ? (
        <dl className="tb-fingerprints">
          {registered.map((key) => (
            <div key={key.envelope} className="tb-fingerprint">
              <dt>{t('tenders.keys.envelope', { envelope: t(`tenders.envelopes.${key.envelope}`, { defaultValue: key.envelope }) })}</dt>
              <dd className="mono" dir="ltr" data-testid={`fingerprint-${key.envelope}`}>
                {groupFingerprint(key.fingerprint)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {plan.blockers.includes('done') ? (
        <p className="status status--ok">{t('tenders.keys.done')}</p>
      ) : (
        <>
          {plan.blockers.includes('members_without_key') ? (
            <div className="alert alert--warning">
              <p>{t('tenders.keys.waitingForKeys')}</p>
              <ul>
                {plan.withoutKey.map((m) => (
                  <li key={m.userId} dir="auto">
                    {m.name || t('tenders.committee.userN', { id: m.userId })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {plan.blockers.includes('no_committee') ? <p className="muted">{t('tenders.keys.noCommittee')}</p> : null}
          {plan.blockers.includes('not_opening_member') && !plan.blockers.includes('no_committee') ? (
            <p className="muted">{t('tenders.keys.onlyMembers', { name: plan.opening[0]?.name ?? '' })}</p>
          ) : null}
          {plan.blockers.includes('not_draft') ? <p className="muted">{t('tenders.keys.onlyDraft')}</p> : null}
          {plan.canRun ? (
            <div className="form__actions">
              <button type="button" className="button" disabled={running} onClick={() => void run()} data-testid="run-key-ceremony">
                {running ? t('tenders.keys.running') : plan.missing.length > 1 ? t('tenders.keys.runBoth') : t('tenders.keys.runOne')}
              </button>
            </div>
          ) : null}
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
