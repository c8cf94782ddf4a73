import { ProblemException } from './problem-details';
import { UuidParamPipe } from './uuid-param.pipe';

describe(UuidParamPipe.name, () => {
  const sut = new UuidParamPipe();

  it('passes a UUID on in lower case', () => {
    expect(sut.transform('6F9619FF-8B86-D011-B42D-00C04FC964FF', { type: 'param', data: 'id' })).toBe('6f9619ff-8b86-d011-b42d-00c04fc964ff');
  });

  it('refuses anything else with validation-failed naming the parameter', () => {
    const refusal = (() => {
      try {
        sut.transform('123', { type: 'param', data: 'tenantId' });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ProblemException);
    const problem = refusal as ProblemException;
    expect({ code: problem.code, status: problem.getStatus(), extensions: problem.extensions }).toEqual({
      code: 'validation-failed',
      status: 400,
      extensions: { errors: [{ field: 'tenantId', message: 'tenantId must be a UUID' }] },
    });
  });
});
