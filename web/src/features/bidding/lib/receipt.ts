import { z } from 'zod';
import { loadSodium, type Sodium } from '@/features/tendering/sealing';

// A signed bid receipt (SECURITY.md ET-02, AU-05; docs/receipts.md), checked in the browser
// with nothing from the server but its published Ed25519 key: the same checks as the
// server's tenders::VerifyReceipt (src/tenders/receipt.cc), so a supplier need not trust the
// server's own "valid".

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const receiptSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('tenderbridge.bid-receipt'),
    tender: z.string(),
    bid: z.string(),
    version: z.number().int(),
    action: z.enum(['received', 'replaced', 'withdrawn', 'confirmed']),
    supplier: z.number().int(),
    envelopes: z.array(z.object({ kind: z.enum(['single', 'technical', 'financial']), sha256: hex64, size: z.number().int() }).strict()),
    receipt_time: z.string(),
    receipt_time_us: z.number().int(),
    bid_ref: hex64,
    bid_ref_salt: hex64,
    audit: z
      .object({
        leaf_index: z.number().int(),
        leaf_hash: hex64,
        entry: z.string(),
        inclusion_path: z.array(hex64).max(64),
        tree_head: z
          .object({ size: z.number().int(), root: hex64, at: z.string(), at_us: z.number().int(), signature: z.string() })
          .strict(),
      })
      .strict(),
    key_id: z.string(),
    signature: z.string(),
  })
  .strict();

export type Receipt = z.infer<typeof receiptSchema>;

// RFC 8785 for the values a receipt holds (integers, strings, arrays, objects): members sorted,
// no whitespace. JSON.stringify escapes strings as nlohmann::json does for these inputs.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('only integers are canonical here');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

// Copies into this realm's Uint8Array (libsodium.js checks `instanceof Uint8Array`, which
// buffers made by a test DOM's TextEncoder fail).
function bytes(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(Array.from(part), at);
    at += part.length;
  }
  return out;
}

function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

function toHex(data: Uint8Array): string {
  return Array.from(data, (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return bytes(Array.from(binary, (c) => c.charCodeAt(0)));
}

function u64(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(value)));
  return out;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

function lengthPrefixed(text: string): Uint8Array {
  const data = utf8(text);
  return bytes(u32(data.length), data);
}

// The audit entry a receipt's event must have (tenders::BidAuditEntry), in the canonical
// encoding of docs/audit-log.md: version 1, kind, time, actor, subject, then the fields.
export function expectedAuditEntry(receipt: Receipt): Uint8Array {
  const fields: [string, string][] = [['version', String(receipt.version)]];
  for (const e of receipt.envelopes) fields.push([e.kind, e.sha256]);
  return bytes(
    [1],
    lengthPrefixed(`bid.${receipt.action}`),
    u64(receipt.receipt_time_us),
    lengthPrefixed('bidder'),
    lengthPrefixed(`bid:${receipt.bid_ref}`),
    u32(fields.length),
    ...fields.flatMap(([k, v]) => [lengthPrefixed(k), lengthPrefixed(v)]),
  );
}

// RFC 9162 §2.1.3.2: the root an inclusion path leads to from a leaf.
export function rootFromInclusionPath(
  sodium: Sodium,
  index: number,
  size: number,
  leafHash: Uint8Array,
  path: readonly Uint8Array[],
): Uint8Array | undefined {
  if (index < 0 || size <= 0 || index >= size) return undefined;
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r = leafHash;
  const node = (left: Uint8Array, right: Uint8Array) => sodium.crypto_hash_sha256(bytes([1], left, right));
  for (const p of path) {
    if (sn === 0n) return undefined;
    if ((fn & 1n) === 1n || fn === sn) {
      r = node(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = node(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

// The checks, in the order they are made; the UI lists them with their outcome.
export type ReceiptCheck =
  | 'form'
  | 'key_id'
  | 'signature'
  | 'tree_head_signature'
  | 'tree_head_time'
  | 'bid_reference'
  | 'leaf_hash'
  | 'audit_entry'
  | 'inclusion';

export const RECEIPT_CHECKS: readonly ReceiptCheck[] = [
  'form',
  'key_id',
  'signature',
  'tree_head_signature',
  'tree_head_time',
  'bid_reference',
  'leaf_hash',
  'audit_entry',
  'inclusion',
];

export interface ReceiptVerdict {
  valid: boolean;
  passed: ReceiptCheck[];
  failed?: ReceiptCheck; // the first check that failed; nothing after it was trusted
  receipt?: Receipt;
}

// Checks `document` (the receipt as parsed JSON) against the platform key `publicKey`
// (32 bytes, from GET /api/v1/audit/public-key).
export async function verifyReceipt(document: unknown, publicKey: Uint8Array): Promise<ReceiptVerdict> {
  const passed: ReceiptCheck[] = [];
  const fail = (check: ReceiptCheck, receipt?: Receipt): ReceiptVerdict => ({ valid: false, passed, failed: check, receipt });
  const parsed = receiptSchema.safeParse(document);
  if (!parsed.success) return fail('form');
  const receipt = parsed.data;
  const signature = fromBase64Url(receipt.signature);
  const headSignature = fromBase64Url(receipt.audit.tree_head.signature);
  const entry = fromBase64Url(receipt.audit.entry);
  if (!signature || signature.length !== 64 || !headSignature || headSignature.length !== 64 || !entry || publicKey.length !== 32) {
    return fail('form', receipt);
  }
  passed.push('form');
  const sodium = await loadSodium();
  const key = bytes(publicKey);

  if (toHex(sodium.crypto_hash_sha256(key).slice(0, 8)) !== receipt.key_id) return fail('key_id', receipt);
  passed.push('key_id');

  const { signature: _omitted, ...unsigned } = receipt;
  const signedBytes = bytes(utf8(canonicalJson(unsigned)));
  if (!sodium.crypto_sign_verify_detached(signature, signedBytes, key)) return fail('signature', receipt);
  passed.push('signature');

  const head = receipt.audit.tree_head;
  const headBytes = bytes(utf8('TBSTH'), [1], u64(head.size), u64(head.at_us), fromHex(head.root));
  if (!sodium.crypto_sign_verify_detached(headSignature, headBytes, key)) return fail('tree_head_signature', receipt);
  passed.push('tree_head_signature');

  if (head.at_us !== receipt.receipt_time_us) return fail('tree_head_time', receipt);
  passed.push('tree_head_time');

  const reference = toHex(
    sodium.crypto_hash_sha256(
      bytes(utf8('tb-bid-ref-v1'), [0], fromHex(receipt.bid_ref_salt), utf8(receipt.tender), [0], utf8(String(receipt.supplier)), [0], utf8(receipt.bid)),
    ),
  );
  if (reference !== receipt.bid_ref) return fail('bid_reference', receipt);
  passed.push('bid_reference');

  const leafHash = sodium.crypto_hash_sha256(bytes([0], entry));
  if (toHex(leafHash) !== receipt.audit.leaf_hash) return fail('leaf_hash', receipt);
  passed.push('leaf_hash');

  if (toHex(entry) !== toHex(expectedAuditEntry(receipt))) return fail('audit_entry', receipt);
  passed.push('audit_entry');

  const root = rootFromInclusionPath(sodium, receipt.audit.leaf_index, head.size, leafHash, receipt.audit.inclusion_path.map(fromHex));
  if (!root || toHex(root) !== head.root) return fail('inclusion', receipt);
  passed.push('inclusion');

  return { valid: true, passed, receipt };
}

// The platform key as GET /api/v1/audit/public-key may give it: unpadded base64url or hex.
export function parsePublicKey(text: string): Uint8Array | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return fromHex(text.toLowerCase());
  const decoded = fromBase64Url(text);
  return decoded && decoded.length === 32 ? decoded : undefined;
}
