import { expect } from 'vitest';
import { ScimError, type ScimType } from '../../../../src/scim/errors.js';
import type { PatchOperation, PatchRequest, ScimGroup, ScimUser } from '../../../../src/scim/resource.js';
import { groupResourceSchema, userResourceSchema } from '../../../../src/scim/schemas/index.js';

import { rfcPatchSampleFiles, rfcSample } from '../../../support/rfc-samples.js';

/** The RFC example documents (test/fixtures/rfc). */
export const readSample = <T>(file: string): T => rfcSample<T>(file);
export const patchSampleFiles = rfcPatchSampleFiles;
export const sampleOperations = (file: string): PatchOperation[] => readSample<PatchRequest>(file).Operations;

export const fullUser = (): ScimUser => readSample('rfc7643-8.2-user-full.json');
export const enterpriseUser = (): ScimUser => readSample('rfc7643-8.3-enterprise_user.json');
export const minimalUser = (): ScimUser => readSample('rfc7643-8.1-user-minimal.json');
export const group = (): ScimGroup => readSample('rfc7643-8.4-group.json');

export const userSchema = userResourceSchema();
export const groupSchema = groupResourceSchema();

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Run `fn`, which must throw a ScimError; returns it for the caller's assertions. */
export function scimErrorFrom(fn: () => unknown): ScimError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    return e as ScimError;
  }
  return expect.fail('expected a ScimError to be thrown');
}

export function expectScimError(fn: () => unknown, scimType: ScimType, status = 400): void {
  const error = scimErrorFrom(fn);
  expect({ status: error.status, scimType: error.scimType }).toEqual({ status, scimType });
}

/** Freeze a value and everything inside it, so any mutation by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
