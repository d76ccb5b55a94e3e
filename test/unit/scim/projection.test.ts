import { describe, expect, it } from 'vitest';
import { applyProjection, parseAttributeList } from '../../../src/scim/projection.js';
import type { JsonObject } from '../../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schemas/index.js';
import { rfcSample } from '../../support/rfc-samples.js';

const schema = userResourceSchema();
const full = rfcSample<JsonObject>('rfc7643-8.3-enterprise_user');
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('attributes / excludedAttributes (RFC 7644 §3.4.2.5, §3.9)', () => {
  it('returns only the requested attributes plus id and schemas (the RFC 3.9 example)', () => {
    // RFC 7644 §3.14's bjensen is the user §3.9 projects.
    const out = applyProjection(rfcSample<JsonObject>('rfc7644-3.14-user-post_response'), { attributes: ['userName'], excludedAttributes: [] }, schema);
    expect(out).toEqual(rfcSample<JsonObject>('rfc7644-3.9-user-partial_response'));
    expect(Object.keys(out).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('matches attribute names case-insensitively and accepts sub-attributes', () => {
    const out = applyProjection(full, { attributes: parseAttributeList('USERNAME,name.givenName,emails.value'), excludedAttributes: [] }, schema);
    expect(out.name).toEqual({ givenName: 'Barbara' });
    expect(out.emails).toEqual([{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }]);
    expect(out.userName).toBe('bjensen@example.com');
    expect(out.meta).toBeUndefined();
  });

  it('projects inside an extension by URN-qualified path', () => {
    const out = applyProjection(full, { attributes: [`${ENT}:employeeNumber`], excludedAttributes: [] }, schema);
    expect(out[ENT]).toEqual({ employeeNumber: '701984' });
  });

  it('excludes attributes but never id or schemas', () => {
    const group = rfcSample<JsonObject>('rfc7643-8.4-group');
    const out = applyProjection(group, { attributes: [], excludedAttributes: ['members', 'id', 'schemas'] }, groupResourceSchema());
    expect(out.members).toBeUndefined();
    expect(out.id).toBe(group.id);
    expect(out.schemas).toEqual(group.schemas);
    expect(out.displayName).toBe('Tour Guides');
  });

  it('excludes a sub-attribute of every element', () => {
    const out = applyProjection(full, { attributes: [], excludedAttributes: ['emails.type'] }, schema);
    expect((out.emails as JsonObject[]).every((e) => !('type' in e) && 'value' in e)).toBe(true);
  });

  it('leaves the resource as is when nothing is asked', () => {
    expect(applyProjection(full, { attributes: [], excludedAttributes: [] }, schema)).toBe(full);
  });
});

describe('attributes with a value filter (Microsoft collection)', () => {
  it('reads `emails[type eq "work"]` as the emails attribute', () => {
    const out = applyProjection(full, { attributes: ['emails[type eq "work"]'], excludedAttributes: [] }, schema);
    expect(out.emails).toEqual(full.emails);
    expect(out.name).toBeUndefined();
  });
});
