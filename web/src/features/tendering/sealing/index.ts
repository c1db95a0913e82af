// Sealed bids in the browser (issue #6; SECURITY.md CR-01, CR-02, CR-05, §5.2): envelope
// format v1, libgfshare-compatible Shamir shares, the key ceremony and member key files.
// docs/sealed-bids.md describes the format; this is its browser implementation.
export { SealingError, type SealingErrorCode } from './errors';
export {
  type EnvelopeBinding,
  type EnvelopeKind,
  type Manifest,
  type ManifestFile,
  type Price,
  CHUNK_PLAINTEXT_BYTES,
  chunkAdditionalData,
} from './format';
export { type FileToSeal, type SealProgress, type SealRequest, type SealedEnvelope, sealEnvelope, sha256OfBlob } from './seal';
export { type OpenRequest, type OpenedEnvelope, type OpenedFile, openEnvelope } from './open';
export { combineShares, splitSecret } from './shamir';
export {
  type CeremonyBody,
  type CeremonyResult,
  type CommitteeMember,
  type UserIdValue,
  fingerprintOf,
  keyFingerprint,
  runKeyCeremony,
} from './ceremony';
export {
  type KdfLimits,
  type MemberKeyFile,
  type MemberKeyPair,
  DEFAULT_KDF_LIMITS,
  createMemberKey,
  exportMemberKeyFile,
  importMemberKeyFile,
  unsealShare,
} from './member-key';
export { fromBase64Url, loadSodium, toBase64Url, type Sodium } from './sodium';
