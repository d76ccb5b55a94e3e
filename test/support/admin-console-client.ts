import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** A browser's view of the admin console through `app.inject`: it keeps the cookies it is given and fills in forms. */
export interface ConsoleClient {
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, form: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Open the sign-in page and submit `token` with the form's own CSRF token. */
  signIn(token: string): Promise<LightMyRequestResponse>;
  /** The CSRF token of the sign-out form on a console page. */
  csrfOf(body: string): string;
  cookies: Map<string, string>;
}

const setCookiesOf = (res: LightMyRequestResponse): string[] => {
  const raw = res.headers['set-cookie'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
};

let clients = 0;

/**
 * Each client comes from its own address (unless given one), so that the console's per-address sign-in limit counts
 * one test's attempts, not the whole file's.
 */
export function consoleClient(
  app: FastifyInstance,
  defaults: Record<string, string> = {},
  remoteAddress = `10.9.${Math.floor(++clients / 250)}.${clients % 250}`,
): ConsoleClient {
  const cookies = new Map<string, string>();
  const remember = (res: LightMyRequestResponse) => {
    for (const line of setCookiesOf(res)) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Max-Age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const headersWith = (extra: Record<string, string>) => ({ ...defaults, ...(cookies.size > 0 ? { cookie: cookieHeader() } : {}), ...extra });
  const csrfOf = (body: string) => {
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (!m?.[1]) throw new Error('no CSRF token on the page');
    return m[1];
  };
  const client: ConsoleClient = {
    cookies,
    csrfOf,
    get: async (url, headers = {}) => remember(await app.inject({ method: 'GET', url, remoteAddress, headers: headersWith(headers) })),
    post: async (url, form, headers = {}) =>
      remember(
        await app.inject({
          method: 'POST',
          url,
          remoteAddress,
          headers: headersWith({ 'content-type': 'application/x-www-form-urlencoded', ...headers }),
          payload: new URLSearchParams(form).toString(),
        }),
      ),
    async signIn(token) {
      const form = await client.get('/admin/console/sign-in');
      return client.post('/admin/console/sign-in', { _csrf: csrfOf(form.body), token });
    },
  };
  return client;
}

/** The `Set-Cookie` line for one cookie, attributes included. */
export const setCookieLine = (res: LightMyRequestResponse, name: string): string | undefined => setCookiesOf(res).find((l) => l.startsWith(`${name}=`));
