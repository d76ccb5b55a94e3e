import { createHash, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** The read-only Directory API scopes a source needs: users, groups, memberships, org units. */
export const READONLY_DIRECTORY_SCOPES = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.readonly',
  'https://www.googleapis.com/auth/admin.directory.group.member.readonly',
  'https://www.googleapis.com/auth/admin.directory.orgunit.readonly',
] as const;

/** The JSON key file Google lets an admin download for a service account (Cloud console, Keys, "Create new key"). */
export interface ServiceAccountKeyFile {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  auth_uri: string;
  token_uri: string;
  auth_provider_x509_cert_url: string;
  client_x509_cert_url: string;
  universe_domain: string;
}

/** A service account and what domain-wide delegation grants it in the Admin console. */
export interface ServiceAccount {
  projectId: string;
  clientEmail: string;
  /** The numeric "Client ID" an admin enters under domain-wide delegation. */
  clientId: string;
  privateKeyId: string;
  privateKeyPem: string;
  publicKey: KeyObject;
  /** Scopes authorised for this client under domain-wide delegation. */
  grantedScopes: Set<string>;
}

/**
 * A fresh service account: a 2048-bit RSA key pair made at start (so no key ever lives in the repository), a key id,
 * an email in the project's `iam.gserviceaccount.com` domain and a 21-digit client id derived from the project.
 */
export function createServiceAccount(projectId: string, grantedScopes: readonly string[]): ServiceAccount {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fingerprint = createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
  const digits = BigInt(`0x${createHash('sha256').update(projectId).digest('hex').slice(0, 16)}`) % 10n ** 20n;
  return {
    projectId,
    clientEmail: `scim-bridge-reader@${projectId}.iam.gserviceaccount.com`,
    clientId: `1${digits.toString().padStart(20, '0')}`,
    privateKeyId: fingerprint,
    privateKeyPem,
    publicKey,
    grantedScopes: new Set(grantedScopes),
  };
}

/** The key file as Google issues it, its `token_uri` pointing at this simulator. */
export function keyFile(account: ServiceAccount, baseUrl: string): ServiceAccountKeyFile {
  return {
    type: 'service_account',
    project_id: account.projectId,
    private_key_id: account.privateKeyId,
    private_key: account.privateKeyPem,
    client_email: account.clientEmail,
    client_id: account.clientId,
    auth_uri: `${baseUrl}/o/oauth2/auth`,
    token_uri: `${baseUrl}/token`,
    auth_provider_x509_cert_url: `${baseUrl}/oauth2/v1/certs`,
    client_x509_cert_url: `${baseUrl}/robot/v1/metadata/x509/${encodeURIComponent(account.clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
}
