import { ZiaCode, ZiaProblem, invalidInput } from './errors.js';

/** The writable fields of a Department or Group (ZH-UM models): `name` required, `comments`, `idpId`. */
export interface OrgUnitFields {
  name: string;
  comments?: string;
  idpId?: number;
}

/**
 * A department or group body, as OneAPI takes it on POST and PUT (full replacement: `comments` and `idpId` left out
 * are cleared). Names are unique per kind, case-insensitively [INF], refused as 400 `DUPLICATE_ITEM`.
 */
export function parseOrgUnit(raw: unknown, kind: string, nameTaken: (name: string) => boolean): OrgUnitFields {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidInput(`The request body must be a ${kind} object`);
  const body = raw as Record<string, unknown>;
  if (typeof body.name !== 'string' || body.name.trim() === '') throw invalidInput('name is required');
  if (body.comments !== undefined && body.comments !== null && typeof body.comments !== 'string') throw invalidInput('comments must be a string');
  if (body.idpId !== undefined && body.idpId !== null && !Number.isInteger(body.idpId)) throw invalidInput('idpId must be an integer');
  if (nameTaken(body.name)) throw new ZiaProblem(400, ZiaCode.duplicate, `A ${kind} named ${body.name} already exists`);
  const fields: OrgUnitFields = { name: body.name };
  if (typeof body.comments === 'string') fields.comments = body.comments;
  if (typeof body.idpId === 'number') fields.idpId = body.idpId;
  return fields;
}
