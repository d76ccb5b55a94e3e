import { invalidPath, ScimError } from '../errors.js';
import type { ValuePathExpression } from './ast.js';
import { parseFilter } from './parse.js';
import { closingBracket } from './quoted-text.js';

/** ATTRNAME (RFC 7643 §2.1) plus `$ref`, which RFC 7643 §2.3.7 sub-attributes use. */
const NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;
const URN_PREFIX = /^urn:[\w.:-]*:/i;

const malformed = (path: string, why: string): ScimError => invalidPath(`Invalid path '${path}': ${why}`);

/** `[urn:…:]attr[.sub]` → attribute (URN kept) and sub-attribute. */
const splitAttributePath = (whole: string, text: string): { attribute: string; subAttribute?: string } => {
  const urn = URN_PREFIX.exec(text)?.[0] ?? '';
  const [name, sub, ...more] = text.slice(urn.length).split('.');
  if (!name || !NAME.test(name)) return invalidName(whole, name);
  if (more.length > 0) throw malformed(whole, 'at most one sub-attribute may follow an attribute');
  if (sub === undefined) return { attribute: urn + name };
  if (!NAME.test(sub)) return invalidName(whole, sub);
  return { attribute: urn + name, subAttribute: sub };
};

const invalidName = (whole: string, name: string | undefined): never => {
  throw malformed(whole, name ? `'${name}' is not an attribute name` : 'an attribute name is missing');
};

/**
 * Split a PATCH operation's `path` (RFC 7644 §3.5.2, `attrPath / valuePath [subAttr]`):
 * `emails[type eq "work"].value` → `{attribute: 'emails', filter, subAttribute: 'value'}`, `name.givenName` →
 * `{attribute: 'name', subAttribute: 'givenName'}`. A URN prefix stays in `attribute`
 * (`urn:…:enterprise:2.0:User:manager.value` → `urn:…:User:manager` + `value`).
 * @throws ScimError 400 `invalidPath` when the path is malformed, its value filter included.
 */
export function parseValuePathExpression(path: string): ValuePathExpression {
  const text = path.trim();
  if (text === '') throw malformed(path, 'the path is empty');
  const open = text.indexOf('[');
  if (open === -1) {
    if (text.includes(']')) throw malformed(path, "']' without '['");
    return splitAttributePath(path, text);
  }
  const close = closingBracket(text, open);
  if (close === -1) throw malformed(path, "'[' is never closed by ']'");
  const head = splitAttributePath(path, text.slice(0, open));
  if (head.subAttribute !== undefined) throw malformed(path, 'a value filter must follow a multi-valued attribute, not a sub-attribute');
  const after = text.slice(close + 1);
  if (after !== '' && !/^\.(?:[A-Za-z][\w-]*|\$ref)$/.test(after)) throw malformed(path, `unexpected '${after}' after the value filter`);
  const filterText = text.slice(open + 1, close);
  try {
    const filter = parseFilter(filterText);
    return after === '' ? { attribute: head.attribute, filter } : { attribute: head.attribute, filter, subAttribute: after.slice(1) };
  } catch (e) {
    if (e instanceof ScimError) throw malformed(path, e.message);
    throw e;
  }
}
