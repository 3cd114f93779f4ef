import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { PlanlogError } from '../base/errors.js';
import type { VerifyAnchor } from './verifyLog.js';

/** The name and version of a signed anchor file. */
export const ANCHOR_FORMAT = 'planlog-anchor';
export const ANCHOR_FORMAT_VERSION = 1;

/**
 * A signed anchor, as `planlog anchor` writes it (JSON): the head's position and hash, the Ed25519
 * public key that signed it (PEM, SPKI) and the signature (base64) over the UTF-8 of
 * `anchorMessage(anchor)`. Publish it: anyone with the public key can check that a log still holds
 * that event, unchanged.
 */
export type SignedAnchor = {
  format: typeof ANCHOR_FORMAT;
  version: number;
  position: number;
  hash: string;
  publicKey: string;
  signature: string;
};

/** The exact text an anchor's signature covers: `planlog-anchor 1 <position> <hash>`. */
export function anchorMessage(anchor: VerifyAnchor): string {
  return `${ANCHOR_FORMAT} ${ANCHOR_FORMAT_VERSION} ${anchor.position} ${anchor.hash.toLowerCase()}`;
}

const bad = (field: string, message: string) => new PlanlogError('VALIDATION', `${field}: ${message}`, { field });

function ed25519(key: KeyObject, field: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw bad(field, `an Ed25519 key is needed, not ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

/** The SHA-256 fingerprint of a public key (hex of its DER SPKI), to compare with a published one. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(der).digest('hex')}`;
}

/** Sign an anchor with an Ed25519 private key (PEM, PKCS#8); `VALIDATION` on `key` when the key is not one. */
export function signAnchor(anchor: VerifyAnchor, privateKeyPem: string): SignedAnchor {
  let key: KeyObject;
  try {
    key = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new PlanlogError('VALIDATION', `key: not a private key in PEM (${(error as Error).message})`, { field: 'key', cause: error });
  }
  ed25519(key, 'key');
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const signature = sign(null, Buffer.from(anchorMessage(anchor), 'utf8'), key).toString('base64');
  return { format: ANCHOR_FORMAT, version: ANCHOR_FORMAT_VERSION, position: anchor.position, hash: anchor.hash.toLowerCase(), publicKey, signature };
}

/**
 * The anchor a signed anchor file holds, once its signature checks: with the key given
 * (`publicKeyPem`, the one you trust) when there is one, else with the key in the file (which proves
 * only that the file is whole: compare its fingerprint with the published one). A malformed file, a
 * file signed by another key than the one given, or a bad signature is `VALIDATION` on `anchor`.
 */
export function checkSignedAnchor(file: unknown, publicKeyPem?: string): VerifyAnchor & { publicKey: string } {
  const anchor = file as Partial<SignedAnchor> | null;
  if (anchor?.format !== ANCHOR_FORMAT || anchor.version !== ANCHOR_FORMAT_VERSION) {
    throw bad('anchor', `not a signed planlog anchor (format "${ANCHOR_FORMAT}", version ${ANCHOR_FORMAT_VERSION})`);
  }
  if (!Number.isSafeInteger(anchor.position) || anchor.position! < 1 || typeof anchor.hash !== 'string' || !/^[0-9a-f]{64}$/.test(anchor.hash)) {
    throw bad('anchor', 'the anchor needs a position (a whole number ≥ 1) and a hash (64 lowercase hex digits)');
  }
  if (typeof anchor.publicKey !== 'string' || typeof anchor.signature !== 'string') throw bad('anchor', 'the anchor needs publicKey and signature');
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem ?? anchor.publicKey);
  } catch (error) {
    throw new PlanlogError('VALIDATION', `${publicKeyPem ? 'publicKey' : 'anchor'}: not a public key in PEM (${(error as Error).message})`, {
      field: publicKeyPem ? 'publicKey' : 'anchor',
      cause: error,
    });
  }
  ed25519(key, publicKeyPem ? 'publicKey' : 'anchor');
  const message = Buffer.from(anchorMessage({ position: anchor.position!, hash: anchor.hash }), 'utf8');
  if (!verify(null, message, key, Buffer.from(anchor.signature, 'base64'))) {
    throw bad('anchor', publicKeyPem ? 'the signature does not match: the anchor was changed, or signed by another key than the one given' : 'the signature does not match: the anchor was changed');
  }
  const publicKey = key.export({ type: 'spki', format: 'pem' }).toString();
  return { position: anchor.position!, hash: anchor.hash, publicKey };
}
