import { z } from 'zod';
import { transportConfigShape } from '../http/transport-config.js';

/** ZIA clouds (docs/upstreams/zscaler-zia.md §1): the cloud name picks `https://zsapi.<cloud>.net/api/v1`. */
export const ZIA_CLOUDS = ['zscaler', 'zscalerone', 'zscalertwo', 'zscalerthree', 'zscloud', 'zscalerbeta'] as const;

const legacyAuth = z.strictObject({
  mode: z.literal('legacy'),
  username: z.string().min(1),
  password: z.string().min(1),
  /** The raw API key (≥ 12 characters); sent only obfuscated (docs/upstreams/zscaler-zia.md §2). */
  apiKey: z.string().min(12),
  /** JSESSIONID lifetime (docs/upstreams/zscaler-zia.md §3: 5 minutes by default). */
  sessionMinutes: z.number().positive().default(5),
});

/** OneAPI (docs/upstreams/zscaler-zia.md §8): OAuth client credentials at the tenant's ZIdentity, Bearer on `https://api.zsapi.net/zia/api/v1`. */
const oneApiAuth = z.strictObject({
  mode: z.literal('oneapi'),
  /** `https://<vanity>.zslogin.net/oauth2/v1/token`. */
  tokenUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  audience: z.string().default('https://api.zscaler.com'),
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

const deactivation = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('delete') }),
    z.strictObject({
      mode: z.literal('group'),
      disabledGroup: z.string({ error: 'required with mode "group": the ZIA group deactivated users are moved to' }).min(1),
    }),
  ],
  // Missing (zod's type says only invalid_union, but a missing value is an invalid_type), or a mode that is neither.
  {
    error: (issue) =>
      issue.input === undefined ? `required, choose one: ${DEACTIVATION_CHOICES}` : issue.code === 'invalid_union' ? `choose one: ${DEACTIVATION_CHOICES}` : undefined,
  },
);

export const zscalerZiaConfigSchema = z
  .strictObject({
    type: z.literal('zscaler-zia'),
    cloud: z.enum(ZIA_CLOUDS).optional(),
    /** Any other base URL (OneAPI's `https://api.zsapi.net/zia/api/v1`, the simulator). Explicit by design. */
    baseUrlOverride: z.url().optional(),
    auth: z.discriminatedUnion('mode', [legacyAuth, oneApiAuth]),
    deactivation,
    /** `email` is read-only in ZIA after create: refuse a change (default) or delete and re-create the user. */
    emailChange: z.enum(['reject', 'recreate']).default('reject'),
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
        'How the IdP\'s userName becomes ZIA\'s login (`email`, read-only once the user exists). `userNameOrEmail`: the userName when it is an address, else the primary (then work, then first) email; `userName`: the userName, which must be an address; `email`: the primary (then work, then first) email; `userNameAtDomain`: the userName\'s local part (after any `DOMAIN\\` prefix, before any `@`) at `domain`. The bridge always answers with the userName the IdP sent.',
      ),
    /** Department for users whose IdP sends none (ZIA requires one). */
    defaultDepartment: z.string().optional().describe('Department of users the bridge creates without one from the IdP (ZIA requires one). Never applied to a user that exists.'),
    /** SCIM group displayName → ZIA group name, where they differ; otherwise the ZIA group of the same name. */
    groupLinks: z.record(z.string(), z.string()).default({}),
    /** Password for hosted-database users: generated per user (default) or one configured value. */
    userPassword: z.strictObject({ mode: z.enum(['generate', 'fixed']).default('generate'), value: z.string().optional() }).default({ mode: 'generate' }),
    comments: z.string().default('Provisioned by scim-bridge').describe('The `comments` of users the bridge creates. A user\'s comments are never written after that.'),
    /**
     * One activation per batch of writes: after `debounceMs` without writes, at most `maxDelayMs` after the first.
     * 90 s keeps a steady stream of writes within the documented 40 activations an hour (docs/upstreams/zscaler-zia.md §7).
     */
    activation: z.strictObject({ debounceMs: z.number().int().min(0).default(2000), maxDelayMs: z.number().int().min(0).default(90_000) }).default({ debounceMs: 2000, maxDelayMs: 90_000 }),
    /** Deletions arriving within this window go out together through `/users/bulkDelete` (≤ 500 ids a call). */
    bulkDeleteWindowMs: z.number().int().min(0).default(2000),
    pageSize: z.number().int().min(1).max(10_000).default(1000),
    ...transportConfigShape,
  })
  .refine((c) => c.cloud !== undefined || c.baseUrlOverride !== undefined, { message: 'set cloud (one of the ZIA clouds) or baseUrlOverride', path: ['cloud'] })
  .refine((c) => c.userPassword.mode !== 'fixed' || !!c.userPassword.value, { message: 'userPassword.mode "fixed" needs userPassword.value', path: ['userPassword', 'value'] });

export type ZscalerZiaConfig = z.infer<typeof zscalerZiaConfigSchema>;

export const ziaBaseUrl = (c: ZscalerZiaConfig): string =>
  (c.baseUrlOverride ?? (c.auth.mode === 'oneapi' ? 'https://api.zsapi.net/zia/api/v1' : `https://zsapi.${c.cloud}.net/api/v1`)).replace(/\/+$/, '');
