/**
 * Attribute definitions (RFC 7643 §7) and a compact builder for them. The same definitions drive discovery
 * (`/Schemas`), filter evaluation (caseExact, dateTime), boolean coercion in the normaliser and projection (`returned`).
 */

export type AttributeType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
  /**
   * `false`: the upstream always holds a value, so PATCH may not remove it (400 mutability), while POST and PUT may
   * leave it out (the adapter fills it at creation and keeps the upstream's value otherwise). Not an RFC 7643
   * characteristic and not shown in `/Schemas`: the attribute's description says it there.
   */
  removable?: false;
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

type Options = Partial<Omit<AttributeDefinition, 'name' | 'type' | 'subAttributes'>>;

const base = (name: string, type: AttributeType, o: Options): AttributeDefinition => ({
  name,
  type,
  multiValued: o.multiValued ?? false,
  description: o.description ?? name,
  required: o.required ?? false,
  caseExact: o.caseExact ?? false,
  mutability: o.mutability ?? 'readWrite',
  returned: o.returned ?? 'default',
  uniqueness: o.uniqueness ?? 'none',
  ...(o.canonicalValues ? { canonicalValues: o.canonicalValues } : {}),
  ...(o.referenceTypes ? { referenceTypes: o.referenceTypes } : {}),
});

export const str = (name: string, o: Options = {}): AttributeDefinition => base(name, 'string', o);
export const bool = (name: string, o: Options = {}): AttributeDefinition => base(name, 'boolean', o);
export const dateTime = (name: string, o: Options = {}): AttributeDefinition => base(name, 'dateTime', o);
export const ref = (name: string, referenceTypes: string[], o: Options = {}): AttributeDefinition =>
  base(name, 'reference', { ...o, referenceTypes, caseExact: o.caseExact ?? true });
export const complex = (name: string, subAttributes: AttributeDefinition[], o: Options = {}): AttributeDefinition => ({
  ...base(name, 'complex', o),
  subAttributes,
});

/** The usual multi-valued complex attribute: value, display, type, primary (RFC 7643 §2.4). */
export const multiValued = (
  name: string,
  o: Options & { valueType?: AttributeType; types?: string[]; extra?: AttributeDefinition[]; valueRef?: string[] } = {},
): AttributeDefinition =>
  complex(
    name,
    [
      o.valueRef ? ref('value', o.valueRef, { mutability: o.mutability }) : base('value', o.valueType ?? 'string', { mutability: o.mutability }),
      str('display', { mutability: o.mutability === 'readOnly' ? 'readOnly' : 'readWrite' }),
      str('type', { canonicalValues: o.types, mutability: o.mutability }),
      bool('primary', { mutability: o.mutability }),
      ...(o.extra ?? []),
    ],
    { ...o, multiValued: true },
  );
