// §5.3: a browser that cannot run the crypto gets a clear refusal, never a plaintext fallback.
import { expect, it, vi } from 'vitest';

vi.mock('libsodium-wrappers-sumo', () => ({
  default: { ready: Promise.reject(new Error('CompileError: WebAssembly.instantiate() blocked by CSP')) },
}));

it('refuses to seal, with code "unsupported", when libsodium cannot start', async () => {
  const { sealEnvelope } = await import('../seal');
  const attempt = sealEnvelope({
    binding: { tender: 'ocds-tbrdg1-000001', kind: 'single', bid: 'b1' },
    recipient: new Uint8Array(32),
    files: [{ name: 'offer.pdf', data: new Blob(['secret offer']) }],
  });
  await expect(attempt).rejects.toMatchObject({ name: 'SealingError', code: 'unsupported' });
  await expect(attempt).rejects.toThrow(/cannot run the sealing code.*blocked by CSP/);
});
