import { createPrivateKey, type KeyObject } from 'node:crypto';

/** What the bridge uses of a Google service-account JSON key (docs/sources/google-workspace.md §2). */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
  /** Google's id of the key, sent as the JWT header's `kid` so Google knows which public key to check against. */
  privateKeyId: string | undefined;
}

export type KeyReading = { ok: true; key: ServiceAccountKey } | { ok: false; problem: string };

const stringAt = (o: Record<string, unknown>, name: string): string | undefined => (typeof o[name] === 'string' ? (o[name] as string) : undefined);

/**
 * Reads a service-account key (the JSON file the Cloud console downloads). A problem names what is wrong and, when it
 * can be read, the service account's email; never the key material, which is why the parser's own messages (which may
 * quote the input) are not passed on.
 */
export function readServiceAccountKey(json: string): KeyReading {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, problem: 'is not JSON (expected the service account key file Google issues)' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'is not a JSON object' };
  const o = parsed as Record<string, unknown>;
  const email = stringAt(o, 'client_email');
  const who = email === undefined ? 'a key without client_email' : `the key of service account ${email}`;
  if (stringAt(o, 'type') !== 'service_account') return { ok: false, problem: `is not a service account key (type is not "service_account"): ${who}` };
  if (email === undefined || !email.includes('@')) return { ok: false, problem: 'has no client_email (the service account email)' };
  const pem = stringAt(o, 'private_key');
  if (pem === undefined) return { ok: false, problem: `has no private_key: ${who}` };
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    return { ok: false, problem: `has a private_key that is not a PEM private key: ${who}` };
  }
  if (privateKey.asymmetricKeyType !== 'rsa') return { ok: false, problem: `has a private_key that is not an RSA key (RS256 needs one): ${who}` };
  return { ok: true, key: { clientEmail: email, privateKey, privateKeyId: stringAt(o, 'private_key_id') } };
}
