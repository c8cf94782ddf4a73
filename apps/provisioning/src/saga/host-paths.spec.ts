import { publicDetail, withoutHostPaths } from './host-paths';

describe(withoutHostPaths.name, () => {
  it('replaces absolute paths and file: URLs, and leaves the rest', () => {
    expect(withoutHostPaths("ENOENT: no such file or directory, mkdir '/var/lib/tenantry/storage/abc'")).toBe("ENOENT: no such file or directory, mkdir '<path>'");
    expect(withoutHostPaths('archive at file:///tmp/x/exports/a.tar.gz failed')).toBe('archive at <path> failed');
    expect(withoutHostPaths('host name acme.example.com is already routed to another tenant')).toBe('host name acme.example.com is already routed to another tenant');
    expect(withoutHostPaths('see https://tenantry.dev/problems/x')).toBe('see https://tenantry.dev/problems/x');
  });
});

describe(publicDetail.name, () => {
  it('drops storage roots and names an archive by its export id', () => {
    expect(publicDetail({ root: '/srv/storage/t', quotaGb: 10 }, 's1')).toEqual({ quotaGb: 10 });
    expect(publicDetail({ archiveUri: 'file:///srv/exports/t/s1.tar.gz', sha256: 'ab' }, 's1')).toEqual({ archiveUri: 'urn:tenantry:export:s1', sha256: 'ab' });
  });
});
