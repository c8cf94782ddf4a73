import { decodeMasterKey, PurposeSealer } from './master-key';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe(PurposeSealer.name, () => {
  const sut = new PurposeSealer({ format: 'xs1', purpose: 'tenantry:test', secretKey: key(1) });

  it('opens what it sealed under the same associated data only', () => {
    const sealed = sut.seal('owner-a', 's3cret');
    expect(sealed.split('.')[0]).toBe('xs1');
    expect(sealed).not.toContain('s3cret');
    expect(sut.open('owner-a', sealed)).toBe('s3cret');
    expect(sut.open('owner-b', sealed)).toBeUndefined();
  });

  it('keeps purposes apart: another purpose under the same master key cannot open it', () => {
    const sealed = sut.seal('owner-a', 's3cret');
    expect(new PurposeSealer({ format: 'xs1', purpose: 'tenantry:other', secretKey: key(1) }).open('owner-a', sealed)).toBeUndefined();
  });

  it('opens with an earlier master key after a rotation, and refuses another format', () => {
    const sealed = sut.seal('owner-a', 's3cret');
    expect(new PurposeSealer({ format: 'xs1', purpose: 'tenantry:test', secretKey: key(2) }).open('owner-a', sealed)).toBeUndefined();
    expect(new PurposeSealer({ format: 'xs1', purpose: 'tenantry:test', secretKey: key(2), previousKeys: ` ${key(3)}, ${key(1)}` }).open('owner-a', sealed)).toBe('s3cret');
    expect(sut.open('owner-a', sealed.replace(/^xs1/, 'zz1'))).toBeUndefined();
  });

  it('refuses a master key shorter than 32 bytes', () => {
    expect(decodeMasterKey(Buffer.alloc(31, 1).toString('base64'))).toBeUndefined();
    expect(() => new PurposeSealer({ format: 'xs1', purpose: 'p', secretKey: 'short' })).toThrow('SECRET_KEY must be at least 32 random bytes');
  });
});
