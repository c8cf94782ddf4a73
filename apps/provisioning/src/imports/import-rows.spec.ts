import { Readable } from 'node:stream';
import { ImportFormatError, MAX_RECORD_CHARS, RawRow, readRows } from './import-rows';
import { validateUserRow } from './user-row.validator';

/** The body in chunks of `size` bytes, so records and UTF-8 sequences straddle chunk boundaries. */
function chunked(text: string, size = 3): Readable {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

async function rows(text: string, format: 'csv' | 'ndjson' | 'json'): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of readRows(chunked(text), format)) out.push(row);
  return out;
}

describe('readRows', () => {
  it('reads CSV with a header, quoted fields, "" escapes, CRLF and UTF-8 across chunks', async () => {
    const sut = await rows('email,role,name\r\nann@x.example,admin,"Ann ""A"", Jr."\r\nbo@x.example,,Bö\n\n"cy@x.example",member,"two\nlines"', 'csv');
    expect(sut).toEqual([
      { rowNo: 1, fields: { email: 'ann@x.example', role: 'admin', name: 'Ann "A", Jr.' } },
      { rowNo: 2, fields: { email: 'bo@x.example', name: 'Bö' } },
      { rowNo: 3, fields: { email: 'cy@x.example', role: 'member', name: 'two\nlines' } },
    ]);
  });

  it('reports a CSV row with the wrong number of fields as that row only', async () => {
    expect(await rows('email,role\na@x.example\nb@x.example,member\n', 'csv')).toEqual([
      { rowNo: 1, problem: 'has 1 fields; the header has 2' },
      { rowNo: 2, fields: { email: 'b@x.example', role: 'member' } },
    ]);
  });

  it('refuses a CSV without an email column, an unclosed quote, or a record past the size bound', async () => {
    await expect(rows('mail,role\nx,y\n', 'csv')).rejects.toThrow(ImportFormatError);
    await expect(rows('email\n"a@x.example\n', 'csv')).rejects.toThrow('never closed');
    await expect(rows(`email\n${'a'.repeat(MAX_RECORD_CHARS + 1)}\n`, 'csv')).rejects.toThrow('longer than');
  });

  it('reads NDJSON line by line, a bad line being that row only', async () => {
    expect(await rows('{"email":"a@x.example"}\n\nnot json\n[1]\n{"email":"b@x.example","role":"viewer"}', 'ndjson')).toEqual([
      { rowNo: 1, fields: { email: 'a@x.example' } },
      { rowNo: 2, problem: 'is not valid JSON' },
      { rowNo: 3, problem: 'is not a JSON object' },
      { rowNo: 4, fields: { email: 'b@x.example', role: 'viewer' } },
    ]);
  });

  it('reads a JSON array element by element, strings with brackets and escapes included', async () => {
    expect(await rows(' [ {"email":"a@x.example","name":"x], {\\"y"}, {"email":"b@x.example"} ] ', 'json')).toEqual([
      { rowNo: 1, fields: { email: 'a@x.example', name: 'x], {"y' } },
      { rowNo: 2, fields: { email: 'b@x.example' } },
    ]);
    expect(await rows('[]', 'json')).toEqual([]);
  });

  it('refuses JSON that is not one closed array', async () => {
    await expect(rows('{"email":"a@x.example"}', 'json')).rejects.toThrow('must start with [');
    await expect(rows('[{"email":"a@x.example"}', 'json')).rejects.toThrow('not closed');
    await expect(rows('[{"email":"a@x.example"}] x', 'json')).rejects.toThrow('follows');
    await expect(rows('[{"email":"a@x.example"},]', 'json')).rejects.toThrow('empty');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const gen = readRows(Readable.from([Buffer.from('email\n'), Buffer.from([0xff, 0xfe, 0x0a])]), 'csv');
    await expect((async () => { for await (const row of gen) void row; })()).rejects.toThrow('not valid UTF-8');
  });
});

describe(validateUserRow.name, () => {
  it('lower-cases the e-mail, defaults the role to member and names each bad field', () => {
    expect(validateUserRow({ rowNo: 1, fields: { email: ' Ann@X.example ', name: ' Ann ' } })).toEqual({ rowNo: 1, email: 'ann@x.example', role: 'member', name: 'Ann' });
    expect(validateUserRow({ rowNo: 2, fields: { email: 'nope', role: 'owner', extra: 1 } })).toEqual([
      { row: 2, field: 'extra', message: expect.stringContaining('unknown field') },
      { row: 2, field: 'email', message: 'email must be an e-mail address' },
      { row: 2, field: 'role', message: expect.stringContaining('role must be one of') },
    ]);
    expect(validateUserRow({ rowNo: 3, problem: 'is not valid JSON' })).toEqual([{ row: 3, field: 'row', message: 'row is not valid JSON' }]);
  });
});
