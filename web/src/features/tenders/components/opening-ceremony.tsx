import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importMemberKeyFile, loadSodium, toBase64Url, unsealShare } from '@/features/tendering/sealing';
import { useCommittee, getMyShare } from '../api/committee';
import { openingKey, submitShare, useOpeningStatus } from '../api/opening';
import { envelopesOf, type EnvelopeKind, type Tender } from '../api/schemas';
import { useNow } from '../hooks/use-now';
import {
  ceremonyErrorOf,
  ceremonyPhase,
  type CeremonyError,
  deadlinePassed,
  INITIAL_MEMBER_STATE,
  memberReducer,
  needsStepUp,
  sharesStillNeeded,
} from '../model/opening-ceremony';
import { groupFingerprint } from '../model/key-ceremony';
import { StepUpForm } from '@/components/forms/step-up-form';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatDateTime, formatNumber, parseInstant } from '@/lib/format';
import { OpeningRecordView } from './opening-record';

// The opening ceremony (SECURITY.md §5.2 step 4): after the deadline each opening member loads
// their key file, unseals their share in this browser, confirms with their second factor and
// submits it; the k-th share opens the bids on the server and the record appears. Before the
// deadline the screen shows the deadline and nothing else (ET-03).
export function OpeningPanel({ tender, me }: { tender: Tender; me: string | undefined }) {
  const kinds = envelopesOf(tender.envelope_mode);
  const now = useNow(1000);
  // Only a two-envelope tender needs the technical opening's state here, and only after the
  // deadline: before it the screen asks the server nothing about the bids.
  const technical = useOpeningStatus(tender.ocid, kinds[0]!, {
    enabled: kinds.length > 1 && deadlinePassed(tender.state, parseInstant(tender.deadline), now),
  });
  return (
    <div className="tb-opening" data-testid="opening-ceremony">
      {kinds.map((kind) => (
        <EnvelopeOpening key={kind} tender={tender} me={me} kind={kind} financialReady={kind !== 'financial' || !!technical.data?.opened} />
      ))}
    </div>
  );
}

function EnvelopeOpening({ tender, me, kind, financialReady }: { tender: Tender; me: string | undefined; kind: EnvelopeKind; financialReady: boolean }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const deadline = parseInstant(tender.deadline);
  const afterDeadline = deadlinePassed(tender.state, deadline, now);
  const committee = useCommittee(tender.ocid);
  const status = useOpeningStatus(tender.ocid, kind, {
    enabled: afterDeadline && tender.state !== 'draft' && (kind !== 'financial' || financialReady),
    refetchInterval: 5000,
  });
  const opening = (committee.data?.members ?? []).filter((m) => m.role === 'opening');
  const facts = status.data
    ? { threshold: status.data.threshold, sharesHeld: status.data.shares_held, membersSubmitted: status.data.members_submitted, opened: status.data.opened }
    : undefined;
  const phase = ceremonyPhase({
    me,
    openingMembers: opening.map((m) => m.userId),
    deadlinePassed: afterDeadline,
    status: facts,
    financialReady,
    kind,
  });
  const threshold = facts?.threshold ?? committee.data?.threshold ?? tender.opening_threshold;
  return (
    <section className="panel" aria-labelledby={`opening-${kind}`} data-testid={`opening-${kind}`} data-phase={phase}>
      <h2 id={`opening-${kind}`} className="panel__title">
        {t('tenders.opening.title', { envelope: t(`tenders.envelopes.${kind}`) })}
      </h2>
      {phase === 'sealed' || (phase === 'not_member' && !afterDeadline) ? (
        <div className="tb-sealed" data-testid="opening-sealed">
          <p className="tb-sealed__lock" aria-hidden="true">
            🔒
          </p>
          <p>{t('tenders.opening.sealed')}</p>
          {deadline ? (
            <p>
              {t('tenders.opening.opensAfter')} <strong>{formatDateTime(deadline, i18n.language, tender.time_zone || undefined)}</strong>
            </p>
          ) : null}
        </div>
      ) : null}
      {phase === 'waiting_for_technical' ? <p className="muted">{t('tenders.opening.waitingForTechnical')}</p> : null}
      {facts && !facts.opened && afterDeadline ? (
        <div className="tb-progress" data-testid="opening-progress">
          <p>
            {t('tenders.opening.progress', { held: facts.sharesHeld, k: threshold })}{' '}
            {sharesStillNeeded(facts) > 0 ? <span className="muted">{t('tenders.opening.stillNeeded', { n: sharesStillNeeded(facts) })}</span> : null}
          </p>
          <ProgressBar
            label={t('tenders.opening.progressLabel')}
            value={facts.sharesHeld / Math.max(1, threshold)}
            percentText={`${formatNumber(facts.sharesHeld, i18n.language)} / ${formatNumber(threshold, i18n.language)}`}
          />
          <ul className="tb-member-list">
            {opening.map((m) => (
              <li key={m.userId} className="tb-member">
                <span className="tb-member__name" dir="auto">
                  {m.name || t('tenders.committee.userN', { id: m.userId })}
                </span>
                <span className={`badge ${facts.membersSubmitted.includes(m.userId) ? 'badge--ok' : 'badge--status'}`}>
                  {facts.membersSubmitted.includes(m.userId) ? t('tenders.opening.confirmed') : t('tenders.opening.notYet')}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {status.isError && afterDeadline ? (
        <p className="field__error" role="alert">
          {status.error instanceof Error ? status.error.message : String(status.error)}
        </p>
      ) : null}
      {phase === 'ready' ? <MemberCeremony ocid={tender.ocid} kind={kind} /> : null}
      {phase === 'submitted' ? <p className="status status--ok">{t('tenders.opening.yourShareIn')}</p> : null}
      {phase === 'opened' && status.data?.opening ? <OpeningRecordView record={status.data.opening} ocid={tender.ocid} /> : null}
    </section>
  );
}

function MemberCeremony({ ocid, kind }: { ocid: string; kind: EnvelopeKind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(memberReducer, INITIAL_MEMBER_STATE);
  const [file, setFile] = useState<File>();
  const [passphrase, setPassphrase] = useState('');
  // The unsealed share lives only here, in memory, until it is sent; then it is wiped.
  const share = useRef<Uint8Array | undefined>(undefined);
  useEffect(
    () => () => {
      share.current?.fill(0);
    },
    [],
  );

  const unlock = async () => {
    if (!file) {
      dispatch({ type: 'unlock' });
      dispatch({ type: 'failed', error: { code: 'no_file' } });
      return;
    }
    dispatch({ type: 'unlock' });
    try {
      const [text, mine] = await Promise.all([file.text(), getMyShare(ocid, kind)]);
      const key = await importMemberKeyFile(text, passphrase);
      try {
        share.current = await unsealShare(mine.sealedShare, key);
      } finally {
        key.secretKey.fill(0);
      }
      setPassphrase('');
      dispatch({ type: 'unlocked', fingerprint: mine.fingerprint });
    } catch (error) {
      dispatch({ type: 'failed', error: ceremonyErrorOf(error) });
    }
  };

  const send = async () => {
    const bytes = share.current;
    if (!bytes) return;
    try {
      const sodium = await loadSodium();
      const result = await submitShare(ocid, kind, toBase64Url(sodium, bytes));
      bytes.fill(0);
      share.current = undefined;
      dispatch({ type: 'submitted', sharesHeld: result.shares_held, threshold: result.threshold, opened: result.opened });
      await queryClient.invalidateQueries({ queryKey: openingKey(ocid, kind) });
    } catch (error) {
      if (needsStepUp(error)) dispatch({ type: 'step_up_required' });
      else dispatch({ type: 'failed', error: ceremonyErrorOf(error) });
    }
  };

  return (
    <div className="tb-member-ceremony" data-testid="member-ceremony" data-step={state.step}>
      <ol className="tb-ceremony-steps">
        <li aria-current={state.step === 'idle' || state.step === 'unlocking' ? 'step' : undefined}>{t('tenders.opening.step1')}</li>
        <li aria-current={state.step === 'unsealed' ? 'step' : undefined}>{t('tenders.opening.step2')}</li>
        <li aria-current={state.step === 'step_up' || state.step === 'submitting' ? 'step' : undefined}>{t('tenders.opening.step3')}</li>
      </ol>
      {state.step === 'idle' || state.step === 'unlocking' ? (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void unlock();
          }}
        >
          <div className="field">
            <label htmlFor={`key-file-${kind}`}>{t('tenders.opening.keyFile')}</label>
            <input
              id={`key-file-${kind}`}
              type="file"
              accept=".json,application/json"
              className="input"
              onChange={(e) => setFile(e.target.files?.[0])}
              data-testid={`key-file-${kind}`}
            />
            <p className="field__hint">{t('tenders.opening.keyFileHint')}</p>
          </div>
          <div className="field">
            <label htmlFor={`passphrase-${kind}`}>{t('tenders.opening.passphrase')}</label>
            <input
              id={`passphrase-${kind}`}
              type="password"
              className="input"
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              data-testid={`key-passphrase-${kind}`}
            />
          </div>
          <CeremonyErrorText error={state.error} />
          <button type="submit" className="button" disabled={state.step === 'unlocking' || !passphrase} data-testid={`unlock-share-${kind}`}>
            {state.step === 'unlocking' ? t('tenders.opening.unlocking') : t('tenders.opening.unlock')}
          </button>
        </form>
      ) : null}
      {state.step === 'unsealed' || state.step === 'submitting' ? (
        <div className="stack">
          <p className="status status--ok">{t('tenders.opening.unsealed')}</p>
          {state.fingerprint ? (
            <p>
              {t('tenders.opening.fingerprint')}{' '}
              <span className="mono" dir="ltr" data-testid="share-fingerprint">
                {groupFingerprint(state.fingerprint)}
              </span>
            </p>
          ) : null}
          <p className="field__hint">{t('tenders.opening.compareFingerprint')}</p>
          <CeremonyErrorText error={state.error} />
          <div className="form__actions">
          <button
            type="button"
            className="button"
            disabled={state.step === 'submitting'}
            onClick={() => {
              dispatch({ type: 'submit' });
              void send();
            }}
            data-testid={`release-share-${kind}`}
          >
            {state.step === 'submitting' ? t('tenders.opening.sending') : t('tenders.opening.release')}
          </button>
          </div>
        </div>
      ) : null}
      {state.step === 'step_up' ? (
        // The second factor again, just before the share is released (AS-06, AS-12): password
        // and the authenticator's current code, always.
        <StepUpForm
          title={t('tenders.opening.stepUp')}
          submitLabel={t('tenders.stepUp.confirm')}
          failedMessage={t('tenders.stepUp.failed')}
          requireCode
          className="tb-step-up"
          testId="step-up"
          onConfirmed={() => {
            dispatch({ type: 'reauthenticated' });
            void send();
          }}
        />
      ) : null}
      {state.step === 'done' && state.result ? (
        <p className="status status--ok" role="status" data-testid="share-accepted">
          {state.result.opened ? t('tenders.opening.openedNow') : t('tenders.opening.accepted', { held: state.result.sharesHeld, k: state.result.threshold })}
        </p>
      ) : null}
    </div>
  );
}

function CeremonyErrorText({ error }: { error: CeremonyError | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field__error" role="alert" data-testid="ceremony-error">
      {t(`tenders.opening.errors.${error.code}`)}
      {error.detail ? (
        <>
          {' '}
          <span dir="auto">{error.detail}</span>
        </>
      ) : null}
    </p>
  );
}
