/**
 * The requests an IdP guide (docs/idp/*.md) says its IdP sends, read from the guide itself, so the guide and the test
 * that replays it cannot drift apart (issue 14, "A guide per IdP").
 *
 * A guide shows each exchange as two fenced blocks: the request, and right after it the answer the bridge gives.
 *
 * - A request is an `http` block whose first line is `METHOD /path?query` (the query written decoded, as an admin
 *   reads it; it is percent-encoded here), then header lines, a blank line and an optional JSON body. Or an `sh`
 *   block holding one `curl` command (`-X`, `-H`, `-d`, `-G` with `--data-urlencode`; `$SCIM` and `$TOKEN` and any
 *   `$NAME` bound earlier are expanded, as a shell would).
 * - An answer is an `http` block whose first line is `HTTP/1.1 <status> <reason>`, then headers the answer must carry
 *   and an optional JSON body the answer must contain (objects: the keys shown; arrays: the elements shown, in order,
 *   and no more; `null`: no value).
 * - `{name}` stands for a value the bridge assigned: the first time it appears in an answer it is bound to the value
 *   there (an `"id": "{aliceId}"`), afterwards it is substituted in requests and compared in answers.
 *
 * Blocks of other languages (`json`, `text`, `nginx`…) are explanation and are not replayed.
 */

export interface GuideRequest {
  method: string;
  /** Path and query as written in the guide (placeholders unresolved, query decoded). */
  target: string;
  headers: [string, string][];
  body: string | undefined;
  /** An http block leaves `Authorization` out for brevity (the IdP always sends it); a curl command sends what it says. */
  impliesToken: boolean;
}

export interface GuideAnswer {
  status: number;
  headers: [string, string][];
  body: unknown;
}

export interface GuideExchange {
  /** 1-based line of the request block's opening fence, for the test's name. */
  line: number;
  /** The request's first line, as the guide shows it. */
  title: string;
  request: GuideRequest;
  answer: GuideAnswer;
}

interface Fence {
  lang: string;
  line: number;
  text: string;
}

function fences(markdown: string): Fence[] {
  const out: Fence[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    out.push({ lang: open[1] ?? '', line: start + 1, text: body.join('\n') });
  }
  return out;
}

/** Headers until the first blank line, then the rest as the body. */
function headersAndBody(lines: string[]): { headers: [string, string][]; body: string | undefined } {
  const headers: [string, string][] = [];
  let i = 0;
  for (; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) {
    const m = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(lines[i] ?? '');
    if (!m) throw new Error(`not a header line: ${lines[i]}`);
    headers.push([m[1] as string, m[2] as string]);
  }
  const body = lines
    .slice(i + 1)
    .join('\n')
    .trim();
  return { headers, body: body === '' ? undefined : body };
}

const isHttpRequest = (f: Fence) => f.lang === 'http' && /^[A-Z]+ \//.test(f.text);
const isHttpAnswer = (f: Fence) => f.lang === 'http' && /^HTTP\/1\.1 \d{3}/.test(f.text);
const isCurl = (f: Fence) => (f.lang === 'sh' || f.lang === 'bash') && /^\s*curl\s/m.test(f.text);

function parseHttpRequest(f: Fence): GuideRequest {
  const [first = '', ...rest] = f.text.split('\n');
  const m = /^([A-Z]+) (\S.*?)(?: HTTP\/1\.1)?$/.exec(first);
  if (!m) throw new Error(`line ${f.line}: not a request line: ${first}`);
  return { method: m[1] as string, target: m[2] as string, ...headersAndBody(rest), impliesToken: true };
}

function parseAnswer(f: Fence): GuideAnswer {
  const [first = '', ...rest] = f.text.split('\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(first)?.[1]);
  const { headers, body } = headersAndBody(rest);
  let parsed: unknown;
  try {
    parsed = body === undefined ? undefined : JSON.parse(body);
  } catch (e) {
    throw new Error(`line ${f.line}: the answer's body is not JSON: ${(e as Error).message}`);
  }
  return { status, headers, body: parsed };
}

/** Stands for a `$` the shell would not expand (inside single quotes) until the request is sent. */
const QUOTED_DOLLAR = '\uE000';

/** Shell words of one command: quotes, backslash-newline continuations; `$NAME` kept for `expand`. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const text = command.replace(/\\\n/g, ' ');
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, end).replaceAll('$', QUOTED_DOLLAR);
      i = end;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** A `curl` command as a request; `$NAME` stays in the text, to be expanded when it is sent. */
function parseCurl(f: Fence): GuideRequest {
  const command = f.text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('#'))
    .join('\n');
  const words = shellWords(command.slice(command.indexOf('curl')));
  let method: string | undefined;
  let url: string | undefined;
  const headers: [string, string][] = [];
  const data: string[] = [];
  const query: string[] = [];
  let get = false;
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    const next = () => words[++i] as string;
    if (w === '-X' || w === '--request') method = next();
    else if (w === '-H' || w === '--header') {
      const h = next();
      const colon = h.indexOf(':');
      headers.push([h.slice(0, colon), h.slice(colon + 1).trim()]);
    } else if (w === '-d' || w === '--data' || w === '--data-raw') data.push(next());
    else if (w === '--data-urlencode') {
      const d = next();
      const eq = d.indexOf('=');
      query.push(`${d.slice(0, eq)}=${d.slice(eq + 1)}`);
    } else if (w === '-G' || w === '--get') get = true;
    else if (/^-[a-zA-Z]+$/.test(w) || w.startsWith('--')) continue;
    else url = w;
  }
  if (url === undefined) throw new Error(`line ${f.line}: a curl command without a URL`);
  if (query.length > 0 && !get) throw new Error(`line ${f.line}: --data-urlencode without -G`);
  const target = query.length > 0 ? `${url}${url.includes('?') ? '&' : '?'}${query.join('&')}` : url;
  // A `$` inside single quotes stays QUOTED_DOLLAR until the request is sent: the shell would not expand it.
  const body = data.length > 0 ? data.join('&') : undefined;
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), target, headers, body, impliesToken: false };
}

/** Every request-and-answer pair of a guide, in the guide's order. */
export function guideExchanges(markdown: string): GuideExchange[] {
  const blocks = fences(markdown);
  const out: GuideExchange[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const f = blocks[i] as Fence;
    if (!isHttpRequest(f) && !isCurl(f)) continue;
    const next = blocks[i + 1];
    if (!next || !isHttpAnswer(next)) throw new Error(`line ${f.line}: a request without the answer block after it`);
    const request = isCurl(f) ? parseCurl(f) : parseHttpRequest(f);
    const title = isCurl(f) ? `curl ${request.method} ${request.target}`.replaceAll(QUOTED_DOLLAR, '$') : (f.text.split('\n')[0] ?? '');
    out.push({ line: f.line, title, request, answer: parseAnswer(next) });
    i++;
  }
  return out;
}

/** Values the guide's placeholders stand for: `{name}` in http blocks, `$NAME` or `${NAME}` in curl commands. */
export type GuideVariables = Map<string, string>;

export function substitute(text: string, vars: GuideVariables): string {
  return text
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => vars.get(name) ?? whole)
    .replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => vars.get(name) ?? whole);
}

/** `/scim/v2/Users?filter=userName eq "x"&count=1` with each query value percent-encoded, as an IdP sends it. */
export function encodeTarget(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return target;
  const params = target
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=${encodeURIComponent(pair.slice(eq + 1))}`;
    });
  return `${target.slice(0, q)}?${params.join('&')}`;
}

/**
 * Problems of `actual` against the guide's `expected` body (empty when it matches); binds unbound placeholders.
 * Objects match on the keys shown (key case as SCIM answers it); arrays element by element and of the same length.
 */
export function mismatches(expected: unknown, actual: unknown, vars: GuideVariables, at = '$'): string[] {
  if (typeof expected === 'string') {
    const placeholder = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(expected)?.[1];
    if (placeholder !== undefined && !vars.has(placeholder)) {
      if (typeof actual !== 'string') return [`${at}: expected a string for {${placeholder}}, got ${JSON.stringify(actual)}`];
      vars.set(placeholder, actual);
      return [];
    }
    const want = substitute(expected, vars);
    return actual === want ? [] : [`${at}: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`];
  }
  // `null` in a guide's answer is "no value": absent or null.
  if (expected === null) return actual === null || actual === undefined ? [] : [`${at}: expected no value, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    if (actual.length !== expected.length) return [`${at}: expected ${expected.length} elements, got ${actual.length}: ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => mismatches(e, actual[i], vars, `${at}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => mismatches(v, (actual as Record<string, unknown>)[k], vars, `${at}.${k}`));
  }
  return Object.is(expected, actual) ? [] : [`${at}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

export interface ReplayResult {
  status: number;
  headers: Headers;
  body: unknown;
  problems: string[];
}

/**
 * Send one exchange's request to a running bridge (`origin`: `http://127.0.0.1:port`) as the guide shows it, with
 * `Authorization: Bearer <token>` added to an http block that sets none, and check the answer.
 */
export async function replay(exchange: GuideExchange, origin: string, vars: GuideVariables): Promise<ReplayResult> {
  const { request, answer } = exchange;
  const literal = (text: string) => substitute(text, vars).replaceAll(QUOTED_DOLLAR, '$');
  const target = encodeTarget(literal(request.target));
  const url = target.startsWith('/') ? `${origin}${target}` : target;
  const headers = new Headers(request.headers.map(([k, v]) => [k, literal(v)]));
  if (request.impliesToken && !headers.has('authorization')) headers.set('authorization', `Bearer ${vars.get('TOKEN') ?? ''}`);
  const body = request.body === undefined ? undefined : literal(request.body);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/scim+json');
  const res = await fetch(url, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  const problems: string[] = [];
  if (res.status !== answer.status) problems.push(`status: expected ${answer.status}, got ${res.status}: ${text.slice(0, 400)}`);
  for (const [name, value] of answer.headers) {
    const got = res.headers.get(name);
    if (got === null || !got.startsWith(substitute(value, vars))) problems.push(`header ${name}: expected ${value}, got ${got}`);
  }
  if (answer.body !== undefined) problems.push(...mismatches(answer.body, parsed, vars));
  return { status: res.status, headers: res.headers, body: parsed, problems };
}
