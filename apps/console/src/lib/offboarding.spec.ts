import { feedbackBody, feedbackState, reasonWords } from './offboarding';

describe('offboarding feedback', () => {
  it('is recorded while a tenant is offboarded, read once it is deleted, and not offered before', () => {
    expect(feedbackState('offboarding')).toBe('record');
    expect(feedbackState('deleted')).toBe('read');
    expect(feedbackState('active')).toBe('none');
  });

  it('says the reason in words, an unknown one as the API gives it', () => {
    expect(reasonWords('switched-provider')).toBe('Switched to another provider');
    expect(reasonWords('moved-to-mars')).toBe('moved-to-mars');
  });

  it('sends the reason, the score as a number and a trimmed comment; what is empty is left out for the API to name', () => {
    expect(feedbackBody({ reason: 'too-expensive', score: '7', comment: '  Cheaper elsewhere ' })).toEqual({ reason: 'too-expensive', score: 7, comment: 'Cheaper elsewhere' });
    expect(feedbackBody({ reason: null, score: '', comment: ' ' })).toEqual({});
  });
});
