/**
 * Turns what a running example logs or returns into text for the output
 * panel. It runs inside the worker: class instances, Maps and functions do not
 * survive postMessage, so they are described there, close to Node's
 * console.log, and only strings cross to the page.
 */
import { escapeRegExp } from '../lib/escapeRegExp';

const MAX_DEPTH = 4;
const MAX_ITEMS = 50;
const MAX_STRING = 2_000;
/** Past this width a collection is printed one entry per line. */
const LINE_WIDTH = 72;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function quote(text: string): string {
  const clipped = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length - MAX_STRING} more characters)` : text;
  return `'${clipped.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function formatNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

function constructorName(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return '[Object: null prototype]';
  const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' ? ctor.name : undefined;
}

function wrap(open: string, entries: string[], close: string, indent: string, pack = false): string {
  if (entries.length === 0) return `${open}${close}`;
  const oneLine = `${open} ${entries.join(', ')} ${close}`;
  const multiLine = entries.some((e) => e.includes('\n'));
  if (oneLine.length <= LINE_WIDTH && !multiLine) return oneLine;
  const inner = `${indent}  `;
  if (pack && !multiLine) {
    // Many short items (a series of numbers): fill each line rather than one item per line.
    const lines: string[] = [];
    let line = '';
    for (const entry of entries) {
      const next = line === '' ? entry : `${line}, ${entry}`;
      if (line !== '' && inner.length + next.length + 1 > LINE_WIDTH) {
        lines.push(`${line},`);
        line = entry;
      } else line = next;
    }
    lines.push(line);
    return `${open}\n${lines.map((l) => `${inner}${l}`).join('\n')}\n${indent}${close}`;
  }
  return `${open}\n${entries.map((e) => `${inner}${e}`).join(',\n')}\n${indent}${close}`;
}

/** Items short enough to share a line. */
const isShort = (entries: readonly string[]): boolean => entries.length > 6 && entries.every((e) => e.length <= 16);

function limited<T>(items: readonly T[], each: (item: T) => string): string[] {
  const shown = items.slice(0, MAX_ITEMS).map(each);
  if (items.length > MAX_ITEMS) shown.push(`... ${items.length - MAX_ITEMS} more items`);
  return shown;
}

function formatKey(key: string | symbol): string {
  if (typeof key === 'symbol') return `[${key.toString()}]`;
  return IDENTIFIER.test(key) ? key : quote(key);
}

function inspect(value: unknown, depth: number, seen: Set<object>, indent: string): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return formatNumber(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function': {
      const name = value.name || '(anonymous)';
      return /^class\b/.test(Function.prototype.toString.call(value)) ? `[class ${name}]` : `[Function: ${name}]`;
    }
  }
  if (value === null) return 'null';
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return object.toString();
  if (object instanceof Promise) return 'Promise { … }';
  if (object instanceof WeakMap || object instanceof WeakSet) return `${constructorName(object)} { … }`;

  const name = constructorName(object);
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? '[Array]' : `[${name && name !== 'Object' ? name : 'Object'}]`;
  seen.add(object);
  const next = (v: unknown): string => inspect(v, depth + 1, seen, `${indent}  `);
  try {
    if (Array.isArray(object)) {
      const prefix = name && name !== 'Array' ? `${name}(${object.length}) ` : '';
      const entries = limited(object as unknown[], next);
      return prefix + wrap('[', entries, ']', indent, isShort(entries));
    }
    if (ArrayBuffer.isView(object) && !(object instanceof DataView)) {
      const items = Array.from(object as unknown as ArrayLike<number | bigint>);
      const entries = limited(items, next);
      return `${name}(${items.length}) ${wrap('[', entries, ']', indent, isShort(entries))}`;
    }
    if (object instanceof Map) {
      const entries = limited([...object.entries()], ([k, v]) => `${next(k)} => ${next(v)}`);
      return `Map(${object.size}) ${wrap('{', entries, '}', indent)}`;
    }
    if (object instanceof Set) {
      return `Set(${object.size}) ${wrap('{', limited([...object], next), '}', indent)}`;
    }
    const keys = Reflect.ownKeys(object).filter((k) => Object.prototype.propertyIsEnumerable.call(object, k));
    const entries = limited(keys, (key) => `${formatKey(key)}: ${next((object as Record<string | symbol, unknown>)[key])}`);
    const prefix = name && name !== 'Object' ? `${name} ` : '';
    return prefix + wrap('{', entries, '}', indent);
  } finally {
    seen.delete(object);
  }
}

/** A value as console.log would show it nested inside an object: strings quoted. */
export function formatValue(value: unknown): string {
  return inspect(value, 0, new Set(), '');
}

/** One console call as a line of text: top-level strings print as they are, like console.log. */
export function formatLogArgs(args: readonly unknown[]): string {
  return args.map((arg) => (typeof arg === 'string' ? arg : formatValue(arg))).join(' ');
}

/** Where an error was raised, in the example's own files. */
export interface ErrorLocation {
  readonly file: string;
  /** Lines survive the transpiler unchanged; columns do not, so none is reported. */
  readonly line: number;
}

export interface DescribedError {
  readonly name: string;
  readonly message: string;
  readonly location?: ErrorLocation;
}

/**
 * Name and message of anything thrown, and the first stack frame that lies in
 * one of `files` (the example's modules run under their own file names).
 */
export function describeError(error: unknown, files: readonly string[]): DescribedError {
  if (!(error instanceof Error)) {
    return { name: 'Uncaught', message: typeof error === 'string' ? error : formatValue(error) };
  }
  const name = error.name || 'Error';
  const stack = typeof error.stack === 'string' ? error.stack : '';
  // The innermost frame in the example's own files: that is the line the reader can fix.
  for (const frame of stack.split('\n')) {
    for (const file of files) {
      const match = new RegExp(`(?:^|[\\s(@/])${escapeRegExp(file)}:(\\d+)`).exec(frame);
      if (match) {
        return { name, message: error.message, location: { file, line: Number(match[1]) } };
      }
    }
  }
  return { name, message: error.message };
}

/** "circuitBreaker.demo.ts, line 12" for the output panel. */
export function formatLocation(location: ErrorLocation): string {
  return `${location.file.split('/').pop() ?? location.file}, line ${location.line}`;
}

/** Seconds for a message: 5000 -> "5 s", 2500 -> "2.5 s". */
export function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
