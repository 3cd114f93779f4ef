import { createHash } from 'node:crypto';
import { rulesVersion, rulesVersions } from '../machines/rulesVersions.js';
import { canonicalJson } from '../store/canonicalJson.js';
import { machineFingerprint } from './machineFingerprint.js';

const cache = new Map<string, string>();

/**
 * The tag a stream snapshot carries (`StreamSnapshot.fingerprint`): SHA-256 over the rules version
 * in force when it was taken and the fingerprints (`machineFingerprint`) of that kind's machine in
 * every version up to it, the machines that may have folded the state. A snapshot is used only
 * under the same tag: taken under another version (the plan was upgraded since), or by machines
 * whose definition changed, it is ignored and rebuilt.
 */
export function snapshotFingerprint(kind: 'task' | 'plan', rules: number): string {
  const key = `${kind} ${rules}`;
  let fingerprint = cache.get(key);
  if (fingerprint === undefined) {
    rulesVersion(rules);
    const machines = rulesVersions.filter((version) => version.version <= rules).map((version) => machineFingerprint(version[kind]));
    fingerprint = createHash('sha256').update(canonicalJson({ kind, rules, machines })).digest('hex');
    cache.set(key, fingerprint);
  }
  return fingerprint;
}
