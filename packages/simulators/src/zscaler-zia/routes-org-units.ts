import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ChangedResource } from './activation.js';
import { invalidInput, notFound, sendOneApiOnly } from './errors.js';
import { ORG_UNIT_PAGES, containsIgnoringCase, idParam, pageOf, queryText } from './list-query.js';
import { parseOrgUnit } from './org-unit-input.js';
import type { OrgUnitFields } from './org-unit-input.js';
import type { IdParams, QueryOf, ZiaRouteOptions } from './route-context.js';

/** A department or a group, which ZIA serves alike. */
interface OrgUnit {
  id: number;
  name: string;
  comments?: string;
  idpId?: number;
}

/** How one kind of org unit is stored and named. */
export interface OrgUnitKind {
  resource: Extract<ChangedResource, 'department' | 'group'>;
  /** `/departments`, `/groups`. */
  path: string;
  /** `:departmentId`, `:groupId` (ZH-UM's parameter names). */
  param: string;
  list(): OrgUnit[];
  get(id: number): OrgUnit | undefined;
  create(fields: OrgUnitFields): OrgUnit;
  replace(id: number, fields: OrgUnitFields): OrgUnit;
  remove(id: number): void;
  /** The status of a successful DELETE: ZH-UM documents 204 for groups; departments say only "Successful" [INF 204]. */
  deleteStatus: number;
}

const lite = (unit: OrgUnit) => ({ id: unit.id, name: unit.name });

/**
 * GET `{path}`, `{path}/{id}`, `{path}/lite`, `{path}/lite/{id}` with `search` (name or comments; name only with
 * `limitSearch=true`), `id` (lite) and paging (ZH-UM). POST `{path}`, PUT/DELETE `{path}/{id}` are "accessible via Zscaler
 * OneAPI only": through the legacy API they get the non-JSON refusal; through OneAPI they work and stay pending until
 * activated. A unit still used by a user cannot be deleted [INF].
 */
export function orgUnitRoutes(kind: OrgUnitKind) {
  return async (app: FastifyInstance, route: ZiaRouteOptions): Promise<void> => {
    const { ledger, behaviour, directory } = route;
    const { path, param } = kind;
    const unitOf = (raw: string) => {
      const id = idParam(raw, param);
      const unit = kind.get(id);
      if (!unit) throw notFound(`${kind.resource} ${id}`);
      return unit;
    };
    const searched = (query: Record<string, unknown>) => {
      const search = queryText(query, 'search');
      const nameOnly = query.limitSearch === 'true';
      return kind.list().filter((u) => search === undefined || containsIgnoringCase(u.name, search) || (!nameOnly && containsIgnoringCase(u.comments, search)));
    };
    const legacyRefusal = (reply: FastifyReply) => (route.flavor === 'legacy' ? sendOneApiOnly(reply, behaviour.get().oneApiOnlyStatus) : undefined);
    const nameTaken = (exceptId?: number) => (name: string) => kind.list().some((u) => u.id !== exceptId && u.name.toLowerCase() === name.toLowerCase());

    app.get<QueryOf>(path, async (request) => pageOf(searched(request.query), request.query, ORG_UNIT_PAGES));
    app.get<QueryOf>(`${path}/lite`, async (request) => {
      const ids = [request.query.id]
        .flat()
        .filter((v): v is string => typeof v === 'string')
        .map((v) => idParam(v, 'id'));
      const units = searched(request.query).filter((u) => ids.length === 0 || ids.includes(u.id));
      return pageOf(units, request.query, ORG_UNIT_PAGES).map(lite);
    });
    app.get<IdParams<string>>(`${path}/lite/:${param}`, async (request) => lite(unitOf(request.params[param] ?? '')));
    app.get<IdParams<string>>(`${path}/:${param}`, async (request) => unitOf(request.params[param] ?? ''));

    app.post(path, async (request, reply) => {
      if (legacyRefusal(reply)) return reply;
      const unit = kind.create(parseOrgUnit(request.body, kind.resource, nameTaken()));
      ledger.record('create', kind.resource, unit.id);
      return unit;
    });
    app.put<IdParams<string>>(`${path}/:${param}`, async (request, reply) => {
      if (legacyRefusal(reply)) return reply;
      const { id } = unitOf(request.params[param] ?? '');
      const unit = kind.replace(id, parseOrgUnit(request.body, kind.resource, nameTaken(id)));
      ledger.record('update', kind.resource, id);
      return unit;
    });
    app.delete<IdParams<string>>(`${path}/:${param}`, async (request, reply) => {
      if (legacyRefusal(reply)) return reply;
      const { id } = unitOf(request.params[param] ?? '');
      const users = directory.usersReferencing(kind.resource, id);
      if (users > 0) throw invalidInput(`The ${kind.resource} ${id} is assigned to ${users} user(s)`);
      kind.remove(id);
      ledger.record('delete', kind.resource, id);
      return reply.code(kind.deleteStatus).send();
    });
  };
}
