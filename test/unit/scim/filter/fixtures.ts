/** Test fixtures: the RFC 7643 §8 sample users (test/fixtures/rfc), and small users. */
import { USER_SCHEMA, type JsonObject } from '../../../../src/scim/resource.js';
import { userResourceSchema } from '../../../../src/scim/schemas/index.js';
import { rfcSample } from '../../../support/rfc-samples.js';

export const loadRfcSample = (name: string): JsonObject => rfcSample<JsonObject>(name);

export const userSchema = userResourceSchema();

/** A user holding only what a test names (plus `schemas`). */
export const user = (attributes: JsonObject): JsonObject => ({ schemas: [USER_SCHEMA], ...attributes });
