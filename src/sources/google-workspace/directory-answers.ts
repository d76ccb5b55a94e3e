import { z } from 'zod';

/**
 * The Directory API's answers as the bridge reads them (docs/sources/google-workspace.md §4, §5): only the members
 * the mapping uses, which are also the only ones requested (`fields=`). Unnamed members are tolerated.
 */
const typedValue = z.object({ value: z.string().optional(), type: z.string().optional(), primary: z.boolean().optional() });

export const directoryUserSchema = z.object({
  id: z.string().min(1),
  primaryEmail: z.string().min(1),
  name: z.object({ givenName: z.string().optional(), familyName: z.string().optional(), fullName: z.string().optional() }).optional(),
  suspended: z.boolean().optional(),
  archived: z.boolean().optional(),
  // `emails`, `phones` and `organizations` are typed "value" (any JSON) in Google's reference; arrays in practice.
  emails: z.array(z.object({ address: z.string().optional(), type: z.string().optional(), primary: z.boolean().optional() })).optional(),
  phones: z.array(typedValue).optional(),
  organizations: z
    .array(
      z.object({
        title: z.string().optional(),
        department: z.string().optional(),
        costCenter: z.string().optional(),
        primary: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** The `fields=` selector of users.list: exactly what `directoryUserSchema` reads. */
export const USER_FIELDS =
  'nextPageToken,users(id,primaryEmail,name(givenName,familyName,fullName),suspended,archived,emails(address,type,primary),phones(value,type,primary),organizations(title,department,costCenter,primary))';

/** The one-user page `check` reads (`fields=users(id)`). */
export const checkPageSchema = z.object({ users: z.array(z.object({ id: z.string() })).optional() });

export const usersPageSchema = z.object({ users: z.array(directoryUserSchema).optional(), nextPageToken: z.string().optional() });

export const directoryGroupSchema = z.object({ id: z.string().min(1), email: z.string().optional(), name: z.string().optional() });
export type DirectoryGroup = z.infer<typeof directoryGroupSchema>;
export const GROUP_FIELDS = 'nextPageToken,groups(id,email,name)';
export const groupsPageSchema = z.object({ groups: z.array(directoryGroupSchema).optional(), nextPageToken: z.string().optional() });

export const directoryMemberSchema = z.object({ id: z.string().optional(), type: z.string().optional() });
export type DirectoryMember = z.infer<typeof directoryMemberSchema>;
export const MEMBER_FIELDS = 'nextPageToken,members(id,type)';
export const membersPageSchema = z.object({ members: z.array(directoryMemberSchema).optional(), nextPageToken: z.string().optional() });
