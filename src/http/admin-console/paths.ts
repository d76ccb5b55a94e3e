/** Where the console lives: under `/admin`, beside the JSON admin API (`/admin/audit`), never colliding with it. */
export const CONSOLE = '/admin/console';
export const consolePaths = {
  home: CONSOLE,
  signIn: `${CONSOLE}/sign-in`,
  signOut: `${CONSOLE}/sign-out`,
  css: `${CONSOLE}/console.css`,
  tenant: (id: string) => `${CONSOLE}/tenants/${encodeURIComponent(id)}`,
  plan: (id: string) => `${CONSOLE}/tenants/${encodeURIComponent(id)}/plan`,
  mapping: (id: string) => `${CONSOLE}/tenants/${encodeURIComponent(id)}/mapping`,
};
/** The session cookie's path: the console and nothing outside `/admin`. */
export const COOKIE_PATH = '/admin';
export const SESSION_COOKIE = 'scim-bridge-console';
/** The sign-in form's CSRF cookie (double submit: there is no session yet to keep a token in). */
export const SIGN_IN_COOKIE = 'scim-bridge-console-sign-in';
