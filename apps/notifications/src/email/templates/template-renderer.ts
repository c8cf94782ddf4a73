/**
 * Renders a mail: the type's template (the platform's override if an admin saved one, else the
 * shipped one) in the tenant's language (English fallback), HTML and plain text, inside a layout
 * with the tenant's branding (name, logo, colour) and, for non-critical mails, the unsubscribe link.
 */
import Handlebars from 'handlebars';
import { Language, TemplateParts } from './builtin-templates';

export interface Branding {
  name: string;
  logoUrl?: string;
  primaryColor?: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderInput {
  parts: TemplateParts;
  language: Language;
  branding: Branding;
  data: Record<string, unknown>;
  unsubscribeUrl?: string;
}

const FOOTER: Record<Language, { unsubscribe: string; sentBy: string }> = {
  en: { unsubscribe: 'Unsubscribe from these mails', sentBy: 'Sent by Tenantry on behalf of' },
  de: { unsubscribe: 'Diese E-Mails abbestellen', sentBy: 'Gesendet von Tenantry im Auftrag von' },
};

const DEFAULT_COLOR = '#1f4fd1';
const COLOR = /^#[0-9a-fA-F]{6}$/;
const HTTPS_URL = /^https:\/\/[^\s"'<>]+$/;

const layout = Handlebars.compile(
  `<!doctype html><html lang="{{language}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>` +
    `<body style="margin:0;font-family:Arial,sans-serif;color:#222">` +
    `<div style="background:{{color}};color:#fff;padding:16px 24px">{{#if logoUrl}}<img src="{{logoUrl}}" alt="{{name}}" height="32" style="vertical-align:middle"> {{/if}}<strong>{{name}}</strong></div>` +
    `<div style="padding:24px">{{{body}}}</div>` +
    `<div style="padding:12px 24px;font-size:12px;color:#666">{{footer.sentBy}} {{name}}.{{#if unsubscribeUrl}} <a href="{{unsubscribeUrl}}">{{footer.unsubscribe}}</a>{{/if}}</div>` +
    `</body></html>`,
  { strict: false },
);

export class TemplateRenderer {
  private readonly cache = new Map<string, { subject: HandlebarsTemplateDelegate; html: HandlebarsTemplateDelegate; text: HandlebarsTemplateDelegate }>();

  render(input: RenderInput, options: { strict?: boolean } = {}): RenderedMail {
    const compiled = this.compile(input.parts, options.strict ?? false);
    const branding = safeBranding(input.branding);
    const context = { ...input.data, tenant: branding };
    const subject = compiled.subject(context).replace(/[\r\n]+/g, ' ').trim();
    const body = compiled.html(context);
    const html = layout({ language: input.language, subject, name: branding.name, logoUrl: branding.logoUrl, color: branding.primaryColor ?? DEFAULT_COLOR, body, footer: FOOTER[input.language], unsubscribeUrl: input.unsubscribeUrl });
    let text = `${compiled.text(context)}\n\n-- \n${FOOTER[input.language].sentBy} ${branding.name}.`;
    if (input.unsubscribeUrl) text += `\n${FOOTER[input.language].unsubscribe}: ${input.unsubscribeUrl}`;
    return { subject, html, text: `${text}\n` };
  }

  private compile(parts: TemplateParts, strict: boolean) {
    const key = `${strict ? 's' : 'l'}\u0000${parts.subject}\u0000${parts.html}\u0000${parts.text}`;
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = {
        subject: Handlebars.compile(parts.subject, { strict, noEscape: true }),
        html: Handlebars.compile(parts.html, { strict }),
        text: Handlebars.compile(parts.text, { strict, noEscape: true }),
      };
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(key, compiled);
    }
    return compiled;
  }
}

/** Only an https logo and a #rrggbb colour reach the layout (they come from tenant configuration). */
function safeBranding(branding: Branding): Branding {
  return {
    name: branding.name,
    ...(branding.logoUrl && HTTPS_URL.test(branding.logoUrl) ? { logoUrl: branding.logoUrl } : {}),
    ...(branding.primaryColor && COLOR.test(branding.primaryColor) ? { primaryColor: branding.primaryColor } : {}),
  };
}

/** Compiles and renders each part with the sample data in strict mode; the first failing part's message by field name. */
export function templateProblems(renderer: TemplateRenderer, parts: TemplateParts, language: Language, sample: Record<string, unknown>): { field: keyof TemplateParts; message: string }[] {
  const problems: { field: keyof TemplateParts; message: string }[] = [];
  for (const field of ['subject', 'html', 'text'] as const) {
    try {
      const single: TemplateParts = { subject: '', html: '', text: '', [field]: parts[field] };
      renderer.render({ parts: single, language, branding: { name: 'Acme' }, data: sample }, { strict: true });
    } catch (error) {
      problems.push({ field, message: `does not render with the sample data: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? ''}` });
    }
  }
  return problems;
}
