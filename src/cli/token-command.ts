import { generateToken, hashToken } from '../core/idp-credentials.js';
import { parseCommandArgs, type CliIo } from './cli-io.js';

/**
 * `scim-bridge token create [--label NAME]`: a new bearer token and the `{label, sha256}` entry to configure, for
 * `idpTokens` or `adminTokens` alike. The token is printed once and stored nowhere.
 */
export function tokenCreateCommand(args: string[], io: CliIo): void {
  const values = parseCommandArgs('token create', args, { label: { type: 'string', default: 'idp' } });
  const token = generateToken();
  io.out(JSON.stringify({ token, idpTokenConfig: { label: values.label, sha256: hashToken(token) } }, null, 2));
  io.out('Give the token to the IdP once; put only idpTokenConfig in the configuration.');
}
