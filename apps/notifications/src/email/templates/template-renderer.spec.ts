import { NOTIFICATION_TYPE_NAMES as API_TYPE_NAMES, PREFERENCE_CATEGORIES } from '@tenantry/notifications-api';
import { NOTIFICATION_CATEGORIES, NOTIFICATION_TYPE_NAMES } from '../notification-types';
import { BUILTIN_TEMPLATES, languageOf, LANGUAGES, SAMPLE_DATA } from './builtin-templates';
import { templateProblems, TemplateRenderer } from './template-renderer';

describe(TemplateRenderer.name, () => {
  const sut = new TemplateRenderer();

  it('renders every shipped template of every language with its sample data, in strict mode', () => {
    for (const language of LANGUAGES) {
      for (const type of NOTIFICATION_TYPE_NAMES) {
        expect({ language, type, problems: templateProblems(sut, BUILTIN_TEMPLATES[language][type], language, SAMPLE_DATA[type]) }).toEqual({ language, type, problems: [] });
      }
    }
  });

  it('escapes values in the HTML part but not in the text part, and keeps the subject on one line', () => {
    const mail = sut.render({ parts: { subject: 'Hi {{who}}\r\nBcc: x@evil.example', html: '<p>{{who}}</p>', text: 'Hi {{who}}' }, language: 'en', branding: { name: 'A & B' }, data: { who: '<script>' } });
    expect(mail.subject).toBe('Hi <script> Bcc: x@evil.example');
    expect(mail.html).toContain('<p>&lt;script&gt;</p>');
    expect(mail.html).toContain('<strong>A &amp; B</strong>');
    expect(mail.text).toContain('Hi <script>');
  });

  it('shows only an https logo and a #rrggbb colour from the branding', () => {
    const good = sut.render({ parts: { subject: 's', html: 'b', text: 't' }, language: 'en', branding: { name: 'Acme', logoUrl: 'https://acme.example/logo.png', primaryColor: '#112233' }, data: {} });
    expect(good.html).toContain('src="https://acme.example/logo.png"');
    expect(good.html).toContain('background:#112233');
    const bad = sut.render({ parts: { subject: 's', html: 'b', text: 't' }, language: 'en', branding: { name: 'Acme', logoUrl: 'javascript:alert(1)', primaryColor: 'red;background:url(x)' }, data: {} });
    expect(bad.html).not.toContain('javascript:');
    expect(bad.html).not.toContain('url(x)');
  });

  it('adds the unsubscribe link to both parts only when given', () => {
    const parts = { subject: 's', html: 'b', text: 't' };
    expect(sut.render({ parts, language: 'de', branding: { name: 'A' }, data: {}, unsubscribeUrl: 'https://x.example/u?token=t' })).toMatchObject({
      html: expect.stringContaining('<a href="https://x.example/u?token&#x3D;t">Diese E-Mails abbestellen</a>'),
      text: expect.stringContaining('Diese E-Mails abbestellen: https://x.example/u?token=t'),
    });
    expect(sut.render({ parts, language: 'en', branding: { name: 'A' }, data: {} }).text).not.toContain('Unsubscribe');
  });

  it('names each part that does not compile or uses an unknown variable', () => {
    expect(templateProblems(sut, { subject: '{{nope}}', html: '{{#if}}', text: '{{amount}}' }, 'en', SAMPLE_DATA['invoice-issued']).map((p) => p.field)).toEqual(['subject', 'html']);
  });

  it('picks a shipped language from a tag, English otherwise', () => {
    expect([languageOf('de-AT'), languageOf('DE'), languageOf('fr'), languageOf(undefined), languageOf('')]).toEqual(['de', 'de', 'en', 'en', 'en']);
  });

  it('agrees with the API library on the types and categories', () => {
    expect([...API_TYPE_NAMES].sort()).toEqual([...NOTIFICATION_TYPE_NAMES].sort());
    expect([...PREFERENCE_CATEGORIES]).toEqual([...NOTIFICATION_CATEGORIES]);
  });
});
