import { z } from 'zod';
import { transportConfigShape } from '../http/transport-config.js';

/** ZIA clouds (docs/upstreams/zscaler-zia.md §1): the cloud name picks `https://zsapi.<cloud>.net/api/v1`. */
export const ZIA_CLOUDS = ['zscaler', 'zscalerone', 'zscalertwo', 'zscalerthree', 'zscloud', 'zscalerbeta'] as const;

const legacyAuth = z.strictObject({
  mode: z.literal('legacy'),
  username: z.string().min(1).describe('ZIA admin user name.'),
  password: z.string().min(1).describe('ZIA admin password (a secret: use `passwordFile` or `${ENV}`).'),
  apiKey: z
    .string()
    .min(12)
    .describe('The raw API key (≥ 12 characters); sent only obfuscated (docs/upstreams/zscaler-zia.md §2). A secret: use `apiKeyFile` or `${ENV}`.'),
  sessionMinutes: z.number().positive().default(5).describe('JSESSIONID lifetime (docs/upstreams/zscaler-zia.md §3: 5 minutes by default).'),
});

/** OneAPI (docs/upstreams/zscaler-zia.md §8): OAuth client credentials at the tenant's ZIdentity, Bearer on `https://api.zsapi.net/zia/api/v1`. */
const oneApiAuth = z.strictObject({
  mode: z.literal('oneapi'),
  tokenUrl: z.url().describe('The ZIdentity token endpoint, `https://<vanity>.zslogin.net/oauth2/v1/token`.'),
  clientId: z.string().min(1).describe('OneAPI OAuth client id.'),
  clientSecret: z.string().min(1).describe('OneAPI OAuth client secret (a secret: use `clientSecretFile` or `${ENV}`).'),
  audience: z.string().default('https://api.zscaler.com').describe('OAuth audience of the token request.'),
});

/** The rules `login.from` names (see `login-rule.ts`). */
export const LOGIN_RULES = ['userNameOrEmail', 'userName', 'email', 'userNameAtDomain'] as const;

/**
 * What `active=false` does. ZIA has no inactive state, so both choices change the ZIA user, and one of them destroys
 * it: the operator must choose, there is no default (a misspelt key must not silently mean "delete").
 */
const DEACTIVATION_CHOICES =
  '{"mode": "group", "disabledGroup": "<ZIA group>"} keeps the ZIA user and moves it into that group (taken out of it ' +
  'on reactivation); {"mode": "delete"} deletes the ZIA user (its full record goes to the audit log; reactivation ' +
  'creates it again with a new id)';

const deactivation = z
  .discriminatedUnion(
    'mode',
    [
      z.strictObject({ mode: z.literal('delete') }),
      z.strictObject({
        mode: z.literal('group'),
        disabledGroup: z
          .string({ error: 'required with mode "group": the ZIA group deactivated users are moved to' })
          .min(1)
          .describe('The ZIA group deactivated users are moved to; it must exist in ZIA (`doctor` checks).'),
      }),
    ],
    // Missing (zod's type says only invalid_union, but a missing value is an invalid_type), or a mode that is neither.
    {
      error: (issue) =>
        issue.input === undefined
          ? `required, choose one: ${DEACTIVATION_CHOICES}`
          : issue.code === 'invalid_union'
            ? `choose one: ${DEACTIVATION_CHOICES}`
            : undefined,
    },
  )
  .describe(
    'What `active=false` does; ZIA has no inactive state, so there is no default and the choice is yours. `{"mode": "group", "disabledGroup": "…"}` keeps the ZIA user and moves it into that group (out again on reactivation); `{"mode": "delete"}` deletes the ZIA user (its full record goes to the audit log first; reactivation creates a new one).',
  );

/** The tenant `upstream` block of `type: "zscaler-zia"`; each key's `.describe()` is its configuration reference text. */
export const zscalerZiaConfigSchema = z
  .strictObject({
    type: z.literal('zscaler-zia'),
    cloud: z
      .enum(ZIA_CLOUDS)
      .optional()
      .describe('The ZIA cloud (docs/upstreams/zscaler-zia.md §1): picks `https://zsapi.<cloud>.net/api/v1`. Set this or `baseUrlOverride`.'),
    baseUrlOverride: z.url().optional().describe("Any other base URL (OneAPI's `https://api.zsapi.net/zia/api/v1`, the simulator). Explicit by design."),
    auth: z
      .discriminatedUnion('mode', [legacyAuth, oneApiAuth])
      .describe(
        'How the bridge signs in: a `legacy` API session (docs/upstreams/zscaler-zia.md §2) or `oneapi` OAuth client credentials (docs/upstreams/zscaler-zia.md §8).',
      ),
    deactivation,
    emailChange: z
      .enum(['reject', 'recreate'])
      .default('reject')
      .describe('`email` is read-only in ZIA after create: `reject` a change, or delete and re-create the user (`recreate`).'),
    login: z
      .strictObject({
        from: z.enum(LOGIN_RULES).default('userNameOrEmail').describe('Which rule makes the login (see `login`).'),
        domain: z
          .string()
          .regex(/^[^@\s\\]+\.[^@\s\\]+$/, 'a domain such as example.com')
          .optional()
          .describe('The login domain of `userNameAtDomain`; one of the domains that belong to the ZIA organization.'),
      })
      .refine((l) => l.from !== 'userNameAtDomain' || l.domain !== undefined, { message: 'login.from "userNameAtDomain" needs login.domain', path: ['domain'] })
      .default({ from: 'userNameOrEmail' })
      .describe(
        "How the IdP's userName becomes ZIA's login (`email`, read-only once the user exists). `userNameOrEmail`: the userName when it is an address, else the primary (then work, then first) email; `userName`: the userName, which must be an address; `email`: the primary (then work, then first) email; `userNameAtDomain`: the userName's local part (after any `DOMAIN\\` prefix, before any `@`) at `domain`. The bridge always answers with the userName the IdP sent.",
      ),
    defaultDepartment: z
      .string()
      .optional()
      .describe('Department of users the bridge creates without one from the IdP (ZIA requires one). Never applied to a user that exists.'),
    groupLinks: z
      .record(z.string(), z.string())
      .default({})
      .describe('SCIM group displayName → ZIA group name, where they differ; otherwise the ZIA group of the same name.'),
    userPassword: z
      .strictObject({
        mode: z.enum(['generate', 'fixed']).default('generate').describe('`generate` one per user, or one `fixed` value.'),
        value: z.string().optional().describe('The fixed password; needed with `mode: "fixed"` (a secret: use `valueFile` or `${ENV}`).'),
      })
      .default({ mode: 'generate' })
      .describe('Password of hosted-database users.'),
    comments: z
      .string()
      .default('Provisioned by scim-bridge')
      .describe("The `comments` of users the bridge creates. A user's comments are never written after that."),
    activation: z
      .strictObject({
        debounceMs: z.number().int().min(0).default(2000).describe('Quiet time after the last write before activating.'),
        maxDelayMs: z.number().int().min(0).default(90_000).describe('Longest wait after the first pending write.'),
      })
      .default({ debounceMs: 2000, maxDelayMs: 90_000 })
      .describe(
        'One activation per batch of writes: after `debounceMs` without writes, at most `maxDelayMs` after the first. 90 s keeps a steady stream of writes within the documented 40 activations an hour (docs/upstreams/zscaler-zia.md §7).',
      ),
    bulkDeleteWindowMs: z
      .number()
      .int()
      .min(0)
      .default(2000)
      .describe('Deletions arriving within this window go out together through `/users/bulkDelete` (≤ 500 ids a call).'),
    pageSize: z.number().int().min(1).max(10_000).default(1000).describe('Users per page when reading every user.'),
    ...transportConfigShape,
  })
  .refine((c) => c.cloud !== undefined || c.baseUrlOverride !== undefined, { message: 'set cloud (one of the ZIA clouds) or baseUrlOverride', path: ['cloud'] })
  .refine((c) => c.userPassword.mode !== 'fixed' || !!c.userPassword.value, {
    message: 'userPassword.mode "fixed" needs userPassword.value',
    path: ['userPassword', 'value'],
  });

export type ZscalerZiaConfig = z.infer<typeof zscalerZiaConfigSchema>;

export const ziaBaseUrl = (c: ZscalerZiaConfig): string =>
  (c.baseUrlOverride ?? (c.auth.mode === 'oneapi' ? 'https://api.zsapi.net/zia/api/v1' : `https://zsapi.${c.cloud}.net/api/v1`)).replace(/\/+$/, '');
