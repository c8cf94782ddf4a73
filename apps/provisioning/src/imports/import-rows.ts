/**
 * Reads an uploaded file row by row without holding it (CSV per RFC 4180 with a header line, NDJSON,
 * or a JSON array of objects): memory is bounded by one record, whatever the file's size. A file
 * whose structure is broken (no `email` column, an unclosed quote or array, a record over
 * MAX_RECORD_CHARS) is an ImportFormatError; a bad row is only that row's problem.
 */
import { Readable } from 'node:stream';

export const IMPORT_FORMATS = ['csv', 'ndjson', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One record is never more than this many characters (a row of users is a few hundred). */
export const MAX_RECORD_CHARS = 65_536;

/** A row as read: its fields (strings for CSV), or why it is not an object (NDJSON, JSON). */
export interface RawRow {
  /** 1-based, counting data rows only (the CSV header is row 0). */
  rowNo: number;
  fields?: Record<string, unknown>;
  problem?: string;
}

export class ImportFormatError extends Error {
  constructor(
    message: string,
    readonly field = 'body',
  ) {
    super(message);
  }
}

/** Text of the body, decoded as UTF-8 across chunk boundaries; bytes that are not UTF-8 are refused. */
async function* textOf(body: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const decode = (chunk?: Buffer): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportFormatError('The file is not valid UTF-8');
    }
  };
  for await (const chunk of body) yield typeof chunk === 'string' ? chunk : decode(chunk);
  const rest = decode();
  if (rest) yield rest;
}

function tooLong(rowNo: number): ImportFormatError {
  return new ImportFormatError(`Row ${rowNo} is longer than ${MAX_RECORD_CHARS} characters`);
}

/** CSV records as arrays of fields (RFC 4180: quoted fields with "" inside, CRLF or LF line ends). */
async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<string[]> {
  let fields: string[] = [];
  let field = '';
  let length = 0;
  let quoted = false;
  let quoteSeen = false; // a quote inside a quoted field: either the closing one or the first of "".
  let started = false;
  let records = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  for await (const chunk of text) {
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i] as string;
      length += 1;
      if (length > MAX_RECORD_CHARS) throw tooLong(records);
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          quoted = false; // the quote closed the field; c is handled below
        } else if (c === '"') {
          quoteSeen = true;
          continue;
        } else {
          field += c;
          continue;
        }
      }
      if (c === '"' && field === '') {
        quoted = true;
        started = true;
      } else if (c === ',') {
        endField();
        started = true;
      } else if (c === '\n') {
        endField();
        if (started || fields.length > 1 || fields[0] !== '') yield fields;
        records += 1;
        fields = [];
        length = 0;
        started = false;
      } else if (c === '\r') {
        // CR before LF is dropped; a lone CR in an unquoted field is too.
      } else {
        field += c;
        started = true;
      }
    }
  }
  if (quoted && !quoteSeen) throw new ImportFormatError(`Row ${records} has a quoted field that is never closed`);
  if (started || field !== '' || fields.length > 0) {
    endField();
    yield fields;
  }
}

async function* csvRows(text: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let header: string[] | undefined;
  let rowNo = 0;
  for await (const record of csvRecords(text)) {
    if (!header) {
      header = record.map((name) => name.trim().toLowerCase());
      if (!header.includes('email')) throw new ImportFormatError('The CSV header line has no `email` column', 'email');
      continue;
    }
    rowNo += 1;
    if (record.length !== header.length) {
      yield { rowNo, problem: `has ${record.length} fields; the header has ${header.length}` };
      continue;
    }
    const fields: Record<string, unknown> = {};
    header.forEach((name, index) => {
      const value = record[index] ?? '';
      if (value !== '') fields[name] = value;
    });
    yield { rowNo, fields };
  }
  if (!header) throw new ImportFormatError('The file is empty: a CSV import starts with a header line naming its columns (email, role, name)');
}

function asRow(rowNo: number, text: string): RawRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { rowNo, problem: 'is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { rowNo, problem: 'is not a JSON object' };
  return { rowNo, fields: value as Record<string, unknown> };
}

async function* ndjsonRows(text: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let line = '';
  let rowNo = 0;
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      line += chunk.slice(start, end);
      start = end + 1;
      if (line.trim() !== '') yield asRow(++rowNo, line);
      line = '';
    }
    line += chunk.slice(start);
    if (line.length > MAX_RECORD_CHARS) throw tooLong(rowNo + 1);
  }
  if (line.trim() !== '') yield asRow(++rowNo, line);
}

/** A JSON array's elements, each cut out by tracking strings and nesting, then parsed alone. */
async function* jsonArrayRows(text: AsyncIterable<string>): AsyncGenerator<RawRow> {
  let state: 'before' | 'element' | 'after-element' | 'done' = 'before';
  let element = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rowNo = 0;
  for await (const chunk of text) {
    for (let i = 0; i < chunk.length; i += 1) {
      const c = chunk[i] as string;
      if (state === 'done') {
        if (!/\s/.test(c)) throw new ImportFormatError('Content follows the closing ] of the JSON array');
        continue;
      }
      if (state === 'before') {
        if (/\s/.test(c) || c === '\ufeff') continue;
        if (c !== '[') throw new ImportFormatError('A JSON import is one array of objects: the body must start with [');
        state = 'after-element';
        continue;
      }
      if (state === 'after-element' && depth === 0 && element.trim() === '') {
        if (c === ']' && rowNo === 0) {
          state = 'done';
          continue;
        }
        if (/\s/.test(c)) continue;
        state = 'element';
      }
      if (inString) {
        element += c;
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (depth === 0 && (c === ',' || c === ']')) {
        if (element.trim() === '') throw new ImportFormatError(`Row ${rowNo + 1} of the JSON array is empty`);
        yield asRow(++rowNo, element);
        element = '';
        state = c === ']' ? 'done' : 'after-element';
      } else {
        element += c;
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth += 1;
        else if (c === '}' || c === ']') depth -= 1;
      }
      if (element.length > MAX_RECORD_CHARS) throw tooLong(rowNo + 1);
    }
  }
  if (state !== 'done') throw new ImportFormatError('The JSON array is not closed with ]');
}

export function readRows(body: Readable | AsyncIterable<Buffer | string>, format: ImportFormat): AsyncGenerator<RawRow> {
  const text = textOf(body);
  switch (format) {
    case 'csv':
      return csvRows(text);
    case 'ndjson':
      return ndjsonRows(text);
    case 'json':
      return jsonArrayRows(text);
  }
}
