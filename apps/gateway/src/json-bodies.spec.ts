import { charsetOf, refusedEncoding } from './json-bodies';

describe('JSON request bodies', () => {
  it('reads the charset parameter whatever its case and quoting', () => {
    expect(charsetOf('application/json')).toBeUndefined();
    expect(charsetOf('application/json; charset=UTF-8')).toBe('utf-8');
    expect(charsetOf('application/json;charset="utf-16le"')).toBe('utf-16le');
  });

  it.each([
    ['application/json', '{"a":1}', undefined],
    ['application/json; charset=utf-8', '{"a":1}', undefined],
    ['application/json; charset=utf8', '{"a":1}', undefined],
    ['application/json; charset=utf-16', '{"a":1}', 'in charset utf-16'],
    ['application/json; charset=iso-8859-1', '{"a":1}', 'in charset iso-8859-1'],
    ['application/json', '\uFEFF{"a":1}', 'prefixed with a byte-order mark'],
  ])('%s with %j → %s', (contentType, body, reason) => {
    expect(refusedEncoding(contentType, Buffer.from(body, 'utf8'))).toBe(reason);
  });

  it('refuses UTF-16 with its byte-order mark', () => {
    expect(refusedEncoding('application/json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]))).toBe('prefixed with a byte-order mark');
  });
});
