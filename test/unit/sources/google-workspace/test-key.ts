import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A throwaway service-account key as Google issues one (its JSON shape), made once per test file. */
export function testServiceAccountKey(email = 'bridge-reader@acme-project.iam.gserviceaccount.com'): { json: string; publicKey: KeyObject; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'acme-project',
    private_key_id: 'k1',
    private_key: pem,
    client_email: email,
    client_id: '100000000000000000001',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { json, publicKey, pem };
}
