import { generateToken, hashToken } from '../core/idp-credentials.js';
import type { CliIo } from './cli-io.js';
import { parseCommandArgs, type CommandSpec } from './command-spec.js';

export const TOKEN_CREATE_COMMAND = {
  name: 'token create',
  usage: '[--label NAME]',
  summary: 'Make a bearer token for an IdP or an admin, and the entry to configure',
  description: [
    'Prints {token, idpTokenConfig: {label, sha256}} as JSON. The token is shown once and stored nowhere: give it to the',
    'IdP, and put only the {label, sha256} entry in the configuration.',
  ],
  options: { label: { type: 'string', default: 'idp', value: 'NAME', help: 'the label the entry and the audit log name it by (default: idp)' } },
} as const satisfies CommandSpec;

/**
 * `scim-bridge token create [--label NAME]`: a new bearer token and the `{label, sha256}` entry to configure, for
 * `idpTokens` or `adminTokens` alike. The token is printed once and stored nowhere.
 */
export function tokenCreateCommand(args: string[], io: CliIo): void {
  const values = parseCommandArgs(TOKEN_CREATE_COMMAND, args);
  const token = generateToken();
  io.out(JSON.stringify({ token, idpTokenConfig: { label: values.label, sha256: hashToken(token) } }, null, 2));
  io.out('Give the token to the IdP once; put only idpTokenConfig in the configuration.');
}
