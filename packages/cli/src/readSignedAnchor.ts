import { checkSignedAnchor, keyFingerprint, PlanlogError, type VerifyAnchor } from '@planlog/core';
import { readOptionFile } from './readOptionFile.js';
import type { Context } from './io.js';

/** `--anchor FILE` (a signed anchor from `planlog anchor`), its signature checked: by `--public-key` when given. */
export function readSignedAnchor(context: Context, path: string, publicKeyPath: string | undefined): VerifyAnchor & { signedBy: string } {
  const text = readOptionFile(context, path, 'anchor');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PlanlogError('VALIDATION', `--anchor: ${path} is neither <position>:<hash> nor a signed anchor file (not JSON)`, { field: 'anchor' });
  }
  const publicKey = publicKeyPath === undefined ? undefined : readOptionFile(context, publicKeyPath, 'public-key');
  const anchor = checkSignedAnchor(json, publicKey);
  return { position: anchor.position, hash: anchor.hash, signedBy: keyFingerprint(anchor.publicKey) };
}
