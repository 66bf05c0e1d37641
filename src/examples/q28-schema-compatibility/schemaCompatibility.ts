/**
 * Compatibility checks for record schemas, with the semantics a schema
 * registry uses (Avro schema resolution, Confluent compatibility types):
 *
 * - BACKWARD: consumers on the NEW schema can read data written with the OLD.
 * - FORWARD:  consumers on the OLD schema can read data written with the NEW.
 * - FULL:     both.
 *
 * Both reduce to one question, "can this reader read that writer?".
 */

export type FieldType = 'boolean' | 'int' | 'long' | 'float' | 'double' | 'string';
export type Value = boolean | number | string | null;

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** May the value be null? A nullable field is still required unless it has a default. */
  readonly nullable?: boolean;
  /** A field with a default is optional: a reader fills it in when the writer did not send it. */
  readonly default?: Value;
}

export interface RecordSchema {
  readonly name: string;
  readonly fields: readonly Field[];
}

export type Compatibility = 'FULL' | 'BACKWARD' | 'FORWARD' | 'NONE';
export type Mode = Exclude<Compatibility, 'NONE'>;

/** Widening a writer's value is safe for the reader (Avro's promotions); narrowing is not. */
const PROMOTIONS: Readonly<Record<FieldType, readonly FieldType[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  double: [],
  boolean: [],
  string: [],
};

function readable(readerType: FieldType, writerType: FieldType): boolean {
  return readerType === writerType || PROMOTIONS[writerType].includes(readerType);
}

/** Why `reader` cannot read records written with `writer`; empty when it can. */
export function readProblems(reader: RecordSchema, writer: RecordSchema): string[] {
  const problems: string[] = [];
  const written = new Map(writer.fields.map((f) => [f.name, f]));
  for (const field of reader.fields) {
    const source = written.get(field.name);
    if (!source) {
      // The reader needs a value the writer never sends: only a default can supply it.
      if (field.default === undefined) problems.push(`"${field.name}" is missing from the data and has no default`);
      continue;
    }
    if (!readable(field.type, source.type)) problems.push(`"${field.name}" is ${source.type} in the data but ${field.type} in the reader`);
    if (source.nullable && !field.nullable) problems.push(`"${field.name}" may be null in the data but the reader does not accept null`);
  }
  // Fields the writer sends and the reader does not know are skipped: that is never a problem.
  return problems;
}

export interface CompatibilityReport {
  readonly level: Compatibility;
  /** What breaks new readers on old data. */
  readonly backward: readonly string[];
  /** What breaks old readers on new data. */
  readonly forward: readonly string[];
}

export function checkCompatibility(previous: RecordSchema, next: RecordSchema): CompatibilityReport {
  for (const schema of [previous, next]) validateDefaults(schema);
  const backward = readProblems(next, previous);
  const forward = readProblems(previous, next);
  const level: Compatibility = backward.length === 0 && forward.length === 0 ? 'FULL' : backward.length === 0 ? 'BACKWARD' : forward.length === 0 ? 'FORWARD' : 'NONE';
  return { level, backward, forward };
}

/** Does a report satisfy the mode a subject is registered with? */
export function satisfies(level: Compatibility, mode: Mode): boolean {
  return level === 'FULL' || level === mode;
}

/**
 * Registry-style admission: non-transitive modes check the latest version
 * only; transitive ones check every version still readable in storage.
 */
export function admit(history: readonly RecordSchema[], next: RecordSchema, mode: Mode, transitive = false): { ok: boolean; problems: string[] } {
  const against = transitive ? history : history.slice(-1);
  const problems: string[] = [];
  against.forEach((previous) => {
    const report = checkCompatibility(previous, next);
    if (satisfies(report.level, mode)) return;
    const relevant = mode === 'FORWARD' ? report.forward : mode === 'BACKWARD' ? report.backward : [...report.backward, ...report.forward];
    problems.push(...relevant.map((p) => `v${history.indexOf(previous) + 1}: ${p}`));
  });
  return { ok: problems.length === 0, problems };
}

function fitsType(value: Value, field: Field): boolean {
  if (value === null) return field.nullable === true;
  switch (field.type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int':
    case 'long':
      return Number.isInteger(value);
    case 'float':
    case 'double':
      return typeof value === 'number';
  }
}

/** A default that does not fit its field would be filled into records silently; reject it up front. */
function validateDefaults(schema: RecordSchema): void {
  for (const f of schema.fields) {
    if (f.default !== undefined && !fitsType(f.default, f)) {
      throw new TypeError(`${schema.name}.${f.name}: default ${JSON.stringify(f.default)} is not a valid ${f.type}`);
    }
  }
}
