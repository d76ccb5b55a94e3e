/** Shared test fixtures: the RFC 7643 §8 sample users, read from the shared conformance folder, and small users. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { USER_SCHEMA, type JsonObject } from '../../../../src/scim/resource.js';
import { userResourceSchema } from '../../../../src/scim/schemas/index.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const loadRfcSample = (name: string): JsonObject =>
  JSON.parse(readFileSync(resolve(repoRoot, '../shared/conformance/rfc-samples', name), 'utf8')) as JsonObject;

export const userSchema = userResourceSchema();

/** A user holding only what a test names (plus `schemas`). */
export const user = (attributes: JsonObject): JsonObject => ({ schemas: [USER_SCHEMA], ...attributes });
