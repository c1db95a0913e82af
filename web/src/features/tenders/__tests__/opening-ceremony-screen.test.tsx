import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/app-routes';
import { combineShares, createMemberKey, exportMemberKeyFile, fromBase64Url, loadSodium, runKeyCeremony } from '@/features/tendering/sealing';
import { mockApi, on, problem, session } from '@/testing/mock-api';
import { renderWithApp } from '@/testing/render';
import { MEMBER, OCID, tenderBody } from './fixtures';

const TENDER = `/api/v1/tenders/${OCID}`;
const FAST_KDF = { opslimit: 1, memlimit: 8192 };
const PASSPHRASE = 'correct horse battery staple';

// As GET /tenders/{ocid}/committee answers (src/http/tender_route_support.cc CommitteeJson).
const committee = (keys: string[]) => ({
  threshold: 2,
  opening: [11, 12, 13].map((id, i) => ({ user_id: id, position: i + 1, display_name: ['Inès', 'Omar', 'Sara'][i], sealing_key: keys[i] })),
  evaluators: [{ user_id: 21, position: 1, display_name: 'Léa' }],
  envelopes: [],
});

describe('opening ceremony screen', { timeout: 30_000 }, () => {
  it('before the deadline shows the deadline and nothing else: no share count is even asked for (ET-03)', async () => {
    const api = mockApi(
      session(MEMBER),
      on('GET', TENDER, () => ({ body: tenderBody({ state: 'published', deadline: '2099-06-15T21:00:00Z', can_edit: false }) })),
      on('GET', `${TENDER}/committee`, () => ({ body: committee(['a', 'b', 'c']) })),
    );
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}?tab=opening` });

    expect(await screen.findByTestId('opening-sealed')).toHaveTextContent('The bids stay sealed');
    await waitFor(() => expect(screen.getByTestId('opening-single')).toHaveAttribute('data-phase', 'sealed'));
    expect(screen.queryByTestId('opening-progress')).toBeNull();
    expect(screen.queryByTestId('member-ceremony')).toBeNull();
    expect(api.requests.some((r) => r.url.pathname.includes('/openings/'))).toBe(false);
  });

  it('after the deadline: key file and passphrase unseal the share locally, the second factor is asked, the share goes up', async () => {
    const sodium = await loadSodium();
    const keys = await Promise.all([createMemberKey(), createMemberKey(), createMemberKey()]);
    const ceremony = await runKeyCeremony(
      keys.map((k, i) => ({ userId: 11 + i, publicKey: k.publicKey })),
      2,
    );
    const keyFile = JSON.stringify(await exportMemberKeyFile(keys[0]!, PASSPHRASE, FAST_KDF));
    const toB64 = (bytes: Uint8Array) => sodium.to_base64(bytes, sodium.base64_variants.URLSAFE_NO_PADDING);
    let stepUpDone = false;
    let held = 0;
    const api = mockApi(
      session(MEMBER),
      on('GET', TENDER, () => ({ body: tenderBody({ state: 'closed', can_edit: false }) })),
      on('GET', `${TENDER}/committee`, () => ({ body: committee(keys.map((k) => toB64(k.publicKey))) })),
      on('GET', `${TENDER}/openings/single`, () => ({
        body: { tender: OCID, envelope: 'single', threshold: 2, shares_held: held, members_submitted: held ? [11] : [], opened: false },
      })),
      on('GET', `${TENDER}/envelopes/single/my-share`, () => ({
        body: { envelope: 'single', public_key: ceremony.body.public_key, fingerprint: ceremony.fingerprint, threshold: 2, position: 1, sealed_share: ceremony.body.shares[0]!.sealed_share },
      })),
      on('POST', `${TENDER}/openings/single/shares`, () => {
        if (!stepUpDone) return problem(403, 'reauthentication_required', 'confirm your password and authenticator code again');
        held = 1;
        return { status: 202, body: { shares_held: 1, threshold: 2, opened: false } };
      }),
      on('POST', '/api/v1/auth/reauthenticate', (request) => {
        const body = request.body as { password: string; totp: string };
        if (body.totp !== '123456') return problem(401, 'totp_invalid', 'wrong code');
        stepUpDone = true;
        return { status: 204 };
      }),
    );
    const user = userEvent.setup();
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}?tab=opening` });

    expect(await screen.findByTestId('opening-progress')).toHaveTextContent('0 of 2 shares released.');
    await user.upload(await screen.findByTestId('key-file-single'), new File([keyFile], 'ines.json', { type: 'application/json' }));

    await user.type(screen.getByTestId('key-passphrase-single'), 'wrong passphrase');
    await user.click(screen.getByTestId('unlock-share-single'));
    expect(await screen.findByTestId('ceremony-error')).toHaveTextContent('The passphrase does not open this key file.');

    await user.clear(screen.getByTestId('key-passphrase-single'));
    await user.type(screen.getByTestId('key-passphrase-single'), PASSPHRASE);
    await user.click(screen.getByTestId('unlock-share-single'));
    expect(await screen.findByTestId('share-fingerprint')).toHaveTextContent(ceremony.fingerprint.slice(0, 4));

    await user.click(screen.getByTestId('release-share-single'));
    await screen.findByTestId('step-up');
    await user.type(screen.getByTestId('step-up-password'), 'a long member password');
    await user.type(screen.getByTestId('step-up-code'), '123456');
    await user.click(screen.getByTestId('step-up-confirm'));
    // The member's own step ends; the refreshed status then shows the share as released.
    await waitFor(() => expect(screen.getByTestId('opening-single')).toHaveAttribute('data-phase', 'submitted'));
    expect(screen.getByText('Your share is in. Waiting for the other members.')).toBeInTheDocument();
    expect(screen.getByTestId('opening-progress')).toHaveTextContent('1 of 2 shares released.');

    const shares = api.writes().filter((r) => r.url.pathname.endsWith('/shares'));
    expect(shares).toHaveLength(2);
    const sent = fromBase64Url(sodium, (shares[1]!.body as { share: string }).share, 'share', 33);
    expect(sent[0]).toBe(1); // member 1's share has x = 1
    // It is a real share: with the second member's it rebuilds the envelope key.
    const second = sodium.crypto_box_seal_open(fromBase64Url(sodium, ceremony.body.shares[1]!.sealed_share, 's', 81), keys[1]!.publicKey, keys[1]!.secretKey);
    const secret = combineShares([sent, second]);
    expect(toB64(sodium.crypto_scalarmult_base(secret))).toBe(ceremony.body.public_key);
  });

  it('shows the opening record once opened', async () => {
    mockApi(
      session(MEMBER),
      on('GET', TENDER, () => ({ body: tenderBody({ state: 'opened', can_edit: false }) })),
      on('GET', `${TENDER}/committee`, () => ({ body: committee(['a', 'b', 'c']) })),
      on('GET', `${TENDER}/openings/single`, () => ({
        body: {
          tender: OCID,
          envelope: 'single',
          threshold: 2,
          shares_held: 2,
          members_submitted: [11, 12],
          opened: true,
          opening: {
            tender: OCID,
            envelope: 'single',
            opened_at: '2026-06-15T21:30:00.000000Z',
            members: [11, 12],
            record_sha256: 'f'.repeat(64),
            bids: [
              {
                bid: 'bid-7Hq',
                supplier_id: 42,
                supplier_name: 'Sahel Energy',
                version: 1,
                receipt_time: '2026-06-14T10:00:00.000001Z',
                envelope_sha256: 'a'.repeat(64),
                bid_ref_salt: '00',
                decrypted: true,
                price: { amount: '123456.00', amount_minor: 12345600, currency: 'USD' },
                files: [{ index: 0, name: 'offer.pdf', size: 48211, sha256: 'b'.repeat(64) }],
              },
            ],
          },
        },
      })),
    );
    renderWithApp(<AppRoutes />, { route: `/manage/tenders/${OCID}?tab=opening` });
    const record = await screen.findByTestId('opening-record');
    expect(record).toHaveTextContent('Sahel Energy');
    expect(record).toHaveTextContent('$123,456.00');
    expect(screen.getByRole('link', { name: 'offer.pdf' })).toHaveAttribute('href', `/api/v1/tenders/${OCID}/bids/bid-7Hq/documents/single/0`);
  });
});
