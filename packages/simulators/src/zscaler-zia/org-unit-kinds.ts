import type { ZiaDirectory } from './directory.js';
import type { ZiaDepartment, ZiaGroup } from './records.js';
import type { OrgUnitKind } from './routes-org-units.js';
import type { OrgUnitFields } from './org-unit-input.js';

/** Departments (ZH-UM): `deleted` is always false for a department that exists. */
export function departmentKind(directory: ZiaDirectory): OrgUnitKind {
  return {
    resource: 'department',
    path: '/departments',
    param: 'departmentId',
    list: () => directory.departments(),
    get: (id) => directory.getDepartment(id),
    create: (fields: OrgUnitFields) => directory.addDepartment({ ...fields, deleted: false }),
    replace: (id, fields) => {
      const department: ZiaDepartment = { id, ...fields, deleted: false };
      directory.replaceDepartment(department);
      return department;
    },
    remove: (id) => void directory.deleteDepartment(id),
    deleteStatus: 204,
  };
}

/** Groups (ZH-UM): groups made through the API are never system-defined. */
export function groupKind(directory: ZiaDirectory): OrgUnitKind {
  return {
    resource: 'group',
    path: '/groups',
    param: 'groupId',
    list: () => directory.groups(),
    get: (id) => directory.getGroup(id),
    create: (fields: OrgUnitFields) => directory.addGroup({ ...fields, isSystemDefined: false }),
    replace: (id, fields) => {
      const group: ZiaGroup = { id, ...fields, isSystemDefined: directory.getGroup(id)?.isSystemDefined ?? false };
      directory.replaceGroup(group);
      return group;
    },
    remove: (id) => void directory.deleteGroup(id),
    deleteStatus: 204,
  };
}
