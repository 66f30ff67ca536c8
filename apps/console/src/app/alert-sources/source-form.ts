import { AbstractControl, NonNullableFormBuilder, ValidationErrors, Validators } from '@angular/forms';
import { SOURCE_PATTERN } from '../cases/case-model';
import type { AlertSource, SourceBody } from './alert-sources-data.service';
import {
  DEFAULT_CUSTOMER_FIELDS,
  DEFAULT_DEDUP_FIELDS,
  DEFAULT_IOCS,
  DedupField,
  FIELD_PATH,
  INDEX_PATTERN,
  IocType,
  LIMITS,
  MAPPING_DEFAULTS,
  MappingField,
} from './source-defaults';

export const MAPPING_FIELDS = Object.keys(MAPPING_DEFAULTS) as MappingField[];

/** Customer fields as typed: one path per line (or separated by commas). */
export function splitPaths(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function customerFieldsValid(control: AbstractControl<string>): ValidationErrors | null {
  const paths = splitPaths(control.value);
  if (paths.length > LIMITS.customerFields) {
    return { tooMany: LIMITS.customerFields };
  }
  const bad = paths.find((p) => !FIELD_PATH.test(p));
  return bad ? { path: bad } : null;
}

function jsonObject(control: AbstractControl<string>): ValidationErrors | null {
  const text = control.value.trim();
  if (text === '') {
    return null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? null : { json: 'not an object' };
  } catch {
    return { json: 'not JSON' };
  }
}

function optionalInt(min: number, max: number) {
  return [Validators.min(min), Validators.max(max), Validators.pattern(/^\d*$/)];
}

/** The form of a source; group names follow the api's body, so its field errors (`mapping.title`) land in place. */
export function sourceForm(fb: NonNullableFormBuilder) {
  const path = () => fb.control('', Validators.pattern(FIELD_PATH));
  return fb.group({
    name: ['', [Validators.required, Validators.pattern(SOURCE_PATTERN)]],
    connectorId: fb.control<number | null>(null),
    indexPattern: ['', [Validators.required, Validators.pattern(INDEX_PATTERN)]],
    enabled: [true],
    writeBack: [false],
    mapping: fb.group({
      title: path(),
      ruleId: path(),
      asset: path(),
      agentId: path(),
      eventTime: path(),
      severity: path(),
      description: path(),
      customerFields: ['', customerFieldsValid],
      iocs: fb.array(DEFAULT_IOCS.map((ioc) => iocGroup(fb, ioc.path, ioc.type))),
      customerMap: fb.array([] as ReturnType<typeof mapGroup>[]),
    }),
    dedupFields: fb.control<DedupField[]>([...DEFAULT_DEDUP_FIELDS], Validators.required),
    dedupWindowMinutes: ['', optionalInt(LIMITS.dedupWindowMinutes.min, LIMITS.dedupWindowMinutes.max)],
    overlapMinutes: ['', optionalInt(LIMITS.overlapMinutes.min, LIMITS.overlapMinutes.max)],
    batchSize: ['', optionalInt(LIMITS.batchSize.min, LIMITS.batchSize.max)],
    query: ['', jsonObject],
  });
}
export type SourceForm = ReturnType<typeof sourceForm>;
export type SourceFormValue = ReturnType<SourceForm['getRawValue']>;

export function iocGroup(fb: NonNullableFormBuilder, path: string, type: IocType) {
  return fb.group({ path: [path, [Validators.required, Validators.pattern(FIELD_PATH)]], type: fb.control<IocType>(type) });
}

/** One row of the customer map: a field value and the customer code it stands for. */
export function mapGroup(fb: NonNullableFormBuilder, value: string, code: string | null) {
  return fb.group({ value: [value, Validators.required], code: fb.control<string | null>(code, Validators.required) });
}

/** Fills the form from a saved source; mapping paths equal to the default stay empty (the placeholder shows them). */
export function fillForm(form: SourceForm, fb: NonNullableFormBuilder, source: AlertSource): void {
  const mapping = form.controls.mapping.controls;
  mapping.iocs.clear({ emitEvent: false });
  source.mapping.iocs.forEach((ioc) => mapping.iocs.push(iocGroup(fb, ioc.path, ioc.type), { emitEvent: false }));
  mapping.customerMap.clear({ emitEvent: false });
  Object.entries(source.mapping.customerMap).forEach(([value, code]) =>
    mapping.customerMap.push(mapGroup(fb, value, code), { emitEvent: false }),
  );
  const fields = source.mapping.customerFields;
  const sameFields = fields.length === DEFAULT_CUSTOMER_FIELDS.length && fields.every((f, i) => f === DEFAULT_CUSTOMER_FIELDS[i]);
  form.reset({
    name: source.name,
    connectorId: source.connectorId,
    indexPattern: source.indexPattern,
    enabled: source.enabled,
    writeBack: source.writeBack,
    mapping: {
      ...Object.fromEntries(
        MAPPING_FIELDS.map((f) => {
          const value = source.mapping[f] ?? '';
          return [f, value === MAPPING_DEFAULTS[f] ? '' : value];
        }),
      ),
      customerFields: sameFields ? '' : fields.join('\n'),
      iocs: source.mapping.iocs,
      customerMap: Object.entries(source.mapping.customerMap).map(([value, code]) => ({ value, code })),
    },
    dedupFields: [...source.dedupFields],
    dedupWindowMinutes: String(source.dedupWindowMinutes),
    overlapMinutes: String(source.overlapMinutes),
    batchSize: String(source.batchSize),
    query: source.query ? JSON.stringify(source.query, null, 2) : '',
  });
}

/** The api body: empty settings are left out, so the api applies its defaults. */
export function toBody(value: SourceFormValue): SourceBody {
  const m = value.mapping;
  const mapping: NonNullable<SourceBody['mapping']> = {};
  for (const field of MAPPING_FIELDS) {
    const path = m[field].trim();
    if (path) {
      mapping[field] = path;
    }
  }
  const customerFields = splitPaths(m.customerFields);
  if (customerFields.length > 0) {
    mapping.customerFields = customerFields;
  }
  mapping.iocs = m.iocs.map((ioc) => ({ path: ioc.path.trim(), type: ioc.type }));
  mapping.customerMap = Object.fromEntries(
    m.customerMap.filter((row) => row.code !== null).map((row) => [row.value.trim(), row.code as string]),
  );
  const int = (text: string) => (text.trim() === '' ? undefined : Number(text));
  const query = value.query.trim();
  return {
    name: value.name.trim(),
    connectorId: value.connectorId,
    indexPattern: value.indexPattern.trim(),
    enabled: value.enabled,
    writeBack: value.writeBack,
    mapping,
    dedupFields: value.dedupFields,
    dedupWindowMinutes: int(value.dedupWindowMinutes),
    overlapMinutes: int(value.overlapMinutes),
    batchSize: int(value.batchSize),
    query: query ? (JSON.parse(query) as Record<string, unknown>) : null,
  };
}
