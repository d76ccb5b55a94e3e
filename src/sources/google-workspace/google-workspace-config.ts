import { z } from 'zod';
import { transportConfigShape } from '../../upstreams/http/transport-config.js';
import { readServiceAccountKey } from './service-account-key.js';

/** Google's endpoints (docs/sources/google-workspace.md §1, §2). */
export const GOOGLE_DIRECTORY_BASE_URL = 'https://admin.googleapis.com';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** Google's default Directory API quota is 2,400 queries per minute (docs/sources/google-workspace.md §6); stay under it. */
export const DEFAULT_QUERIES_PER_MINUTE = 2000;

/** The tenant `source` block of `type: "google-workspace"`; each key's `.describe()` is its configuration reference text. */
export const googleWorkspaceConfigSchema = z
  .strictObject({
    type: z.literal('google-workspace'),
    key: z
      .string()
      .min(1)
      .superRefine((json, ctx) => {
        const reading = readServiceAccountKey(json);
        // The message names the problem and the service account, never the key (it is not `input` of the issue either).
        if (!reading.ok) ctx.addIssue({ code: 'custom', message: `the service account key ${reading.problem}`, input: undefined });
      })
      .describe(
        "The service account's JSON key as Google issues it (docs/sources/google-workspace.md §2; a secret: give `keyFile: /path/key.json`, or `${file:…}` / `${ENV}`). Read at start: a key that is not one is refused, naming the service account, never the key.",
      ),
    subject: z
      .email()
      .optional()
      .describe(
        'An admin user to act as, through domain-wide delegation (the JWT `sub`). Without it the service account must itself hold an admin role that reads users and groups.',
      ),
    customer: z
      .string()
      .min(1)
      .default('my_customer')
      .describe('The Google Workspace account to read: its customer id, or `my_customer` for the account the credentials belong to.'),
    orgUnits: z
      .array(z.string().regex(/^\//, 'an org unit path starts with /'))
      .min(1)
      .optional()
      .describe(
        'Only users in these org units (paths such as `/Engineering`, sub-units included; docs/sources/google-workspace.md §4); adds the read-only org unit scope.',
      ),
    groups: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        'Only these groups (email or id), and only users who are members of one of them, directly or through a nested group (docs/sources/google-workspace.md §5).',
      ),
    query: z
      .string()
      .min(1)
      .optional()
      .describe('Only users matching this Directory API search query (e.g. `isSuspended=false`), combined with `orgUnits` when both are set.'),
    intervalSeconds: z.number().int().min(60).default(600).describe('Seconds between two reads of the whole directory.'),
    deletion: z
      .enum(['deactivate', 'delete'])
      .default('deactivate')
      .describe('What happens upstream to a user gone from the directory or out of scope: `deactivate` (reversible) or `delete`.'),
    maxDeactivationPercent: z
      .number()
      .min(0)
      .max(100)
      .default(10)
      .describe(
        'A sync that would deactivate or delete more than this share of the users the source manages (before the sync) applies nothing until confirmed.',
      ),
    maxDeactivations: z.number().int().min(0).default(100).describe('The same stop as an absolute number of users, whichever is reached first.'),
    queriesPerMinute: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_QUERIES_PER_MINUTE)
      .describe("Directory API requests per minute the bridge allows itself, under Google's default quota of 2,400 (docs/sources/google-workspace.md §6)."),
    baseUrlOverride: z
      .url()
      .optional()
      .describe(
        'Another origin for both the Directory API and the token endpoint (`<origin>/token`), e.g. the sandbox simulator. Deliberately separate, so a typo cannot send credentials elsewhere.',
      ),
    ...transportConfigShape,
  })
  .refine((c) => !(c.groups && (c.orgUnits || c.query)), {
    message: 'scope by `groups`, or by `orgUnits` and/or `query`, not both',
    path: ['groups'],
  });

export type GoogleWorkspaceConfig = z.infer<typeof googleWorkspaceConfigSchema>;
