/**
 * The shipped templates (Handlebars), per notification type and language: a subject, an HTML body and
 * a plain-text body. The layout around the bodies (tenant branding, unsubscribe footer) is in
 * template-renderer.ts. `en` is complete and the fallback; `de` is the second language.
 */
import { NotificationType } from '../notification-types';

export interface TemplateParts {
  subject: string;
  html: string;
  text: string;
}

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const EN: Record<NotificationType, TemplateParts> = {
  welcome: {
    subject: 'Welcome to {{tenant.name}}: accept your invitation',
    html: '<p>Hello,</p><p>{{tenant.name}} is ready and you are its first administrator.</p><p><a href="{{invitationUrl}}">Accept your invitation</a> before {{expiresAt}}.</p><p>The link works once.</p>',
    text: 'Hello,\n\n{{tenant.name}} is ready and you are its first administrator.\n\nAccept your invitation before {{expiresAt}}:\n{{invitationUrl}}\n\nThe link works once.',
  },
  'usage-alert': {
    subject: '{{tenant.name}}: usage alert{{#if many}}s ({{alerts.length}}){{/if}}',
    html: '<p>Usage of {{tenant.name}}:</p><ul>{{#each alerts}}<li>{{#if unusual}}{{metric}}: {{usage}} in one hour, unusual (usually about {{baseline}}){{else}}{{metric}}: {{usage}} of {{limit}} ({{#if exceeded}}over the limit{{else}}{{percent}} %{{/if}}){{/if}} at {{at}}</li>{{/each}}</ul>',
    text: 'Usage of {{tenant.name}}:\n{{#each alerts}}- {{#if unusual}}{{metric}}: {{usage}} in one hour, unusual (usually about {{baseline}}){{else}}{{metric}}: {{usage}} of {{limit}} ({{#if exceeded}}over the limit{{else}}{{percent}} %{{/if}}){{/if}} at {{at}}\n{{/each}}',
  },
  'trial-ending': {
    subject: '{{tenant.name}}: your trial ends in {{daysLeft}} day(s)',
    html: '<p>The trial of {{tenant.name}} on the {{planId}} plan ends on <strong>{{trialEndsAt}}</strong>.</p>{{#if willConvert}}<p>It then continues on the paid plan; nothing to do.</p>{{else}}<p>Add a payment method before then, or the tenant is deactivated when the trial ends.</p>{{/if}}',
    text: 'The trial of {{tenant.name}} on the {{planId}} plan ends on {{trialEndsAt}}.\n{{#if willConvert}}It then continues on the paid plan; nothing to do.{{else}}Add a payment method before then, or the tenant is deactivated when the trial ends.{{/if}}',
  },
  'invoice-issued': {
    subject: '{{tenant.name}}: invoice of {{amount}} {{currency}}',
    html: '<p>An invoice of <strong>{{amount}} {{currency}}</strong> was issued for {{periodStart}} to {{periodEnd}}, due {{dueAt}}.</p><p>Invoice {{invoiceId}}</p>',
    text: 'An invoice of {{amount}} {{currency}} was issued for {{periodStart}} to {{periodEnd}}, due {{dueAt}}.\nInvoice {{invoiceId}}',
  },
  'payment-failed': {
    subject: '{{tenant.name}}: payment of {{amount}} {{currency}} failed',
    html: '<p>We could not collect <strong>{{amount}} {{currency}}</strong> for invoice {{invoiceId}} (attempt {{attempt}}): {{reason}}.</p><p>Please update your payment method.</p>',
    text: 'We could not collect {{amount}} {{currency}} for invoice {{invoiceId}} (attempt {{attempt}}): {{reason}}.\nPlease update your payment method.',
  },
  'dunning-warning': {
    subject: '{{tenant.name}}: invoice {{invoiceId}} is overdue ({{stage}})',
    html: '<p>Invoice {{invoiceId}} is still unpaid; dunning moved to the <strong>{{stage}}</strong> stage.</p>',
    text: 'Invoice {{invoiceId}} is still unpaid; dunning moved to the {{stage}} stage.',
  },
  'tenant-suspended': {
    subject: '{{tenant.name}} was suspended',
    html: '<p>{{tenant.name}} was suspended{{#if reason}}: {{reason}}{{/if}}. Its API refuses calls until it is reactivated.</p>',
    text: '{{tenant.name}} was suspended{{#if reason}}: {{reason}}{{/if}}. Its API refuses calls until it is reactivated.',
  },
  'tenant-reactivated': {
    subject: '{{tenant.name}} is active again',
    html: '<p>{{tenant.name}} was reactivated.</p>',
    text: '{{tenant.name}} was reactivated.',
  },
  'offboarding-complete': {
    subject: '{{tenant.name}} was offboarded',
    html: '<p>The data of {{tenant.name}} was exported and removed. The export {{archiveUri}} is kept until {{retainedUntil}}.</p>',
    text: 'The data of {{tenant.name}} was exported and removed. The export {{archiveUri}} is kept until {{retainedUntil}}.',
  },
  'performance-degraded': {
    subject: '{{tenant.name}}: performance degraded (p95 {{p95Ms}} ms)',
    html: '<p>{{tenant.name}} ({{tenantId}}): p95 latency {{p95Ms}} ms, error rate {{errorRate}} over {{requests}} requests in the window from {{windowStart}}.</p>',
    text: '{{tenant.name}} ({{tenantId}}): p95 latency {{p95Ms}} ms, error rate {{errorRate}} over {{requests}} requests in the window from {{windowStart}}.',
  },
  'admin-message': {
    subject: '{{tenant.name}}: {{subject}}',
    html: '<p>{{message}}</p><p>— the platform team</p>',
    text: '{{message}}\n\n— the platform team',
  },
  'maintenance-scheduled': {
    subject: '{{tenant.name}}: {{#if emergency}}emergency {{/if}}maintenance from {{startsAt}}',
    html: '<p>{{#if emergency}}Emergency maintenance has started{{else}}Maintenance is scheduled{{/if}} for {{tenant.name}} from {{startsAt}} to {{endsAt}} (UTC).</p><p>Reason: {{reason}}</p><p>During the window the API answers your requests with 503 and a Retry-After header; nothing you stored is affected.</p>',
    text: '{{#if emergency}}Emergency maintenance has started{{else}}Maintenance is scheduled{{/if}} for {{tenant.name}} from {{startsAt}} to {{endsAt}} (UTC).\nReason: {{reason}}\nDuring the window the API answers your requests with 503 and a Retry-After header; nothing you stored is affected.',
  },
  'churn-risk': {
    subject: '{{tenant.name}}: {{risk}} churn risk',
    html: '<p>{{tenant.name}} ({{tenantId}}) shows a {{risk}} risk of churning:</p><ul>{{#each reasons}}<li>{{this}}</li>{{/each}}</ul>',
    text: '{{tenant.name}} ({{tenantId}}) shows a {{risk}} risk of churning:\n{{#each reasons}}- {{this}}\n{{/each}}',
  },
  'webhook-endpoint-disabled': {
    subject: '{{tenant.name}}: webhook endpoint disabled',
    html: '<p>The webhook endpoint <strong>{{url}}</strong> ({{endpointId}}) was disabled on {{disabledAt}}: every delivery to it has failed since {{failingSince}}.</p><p>{{reason}}</p><p>Fix the receiver, then enable the endpoint again (<code>PUT /api/v1/platform/webhook-endpoints/{{endpointId}}</code> with <code>enabled: true</code>) and replay what it missed.</p>',
    text: 'The webhook endpoint {{url}} ({{endpointId}}) was disabled on {{disabledAt}}: every delivery to it has failed since {{failingSince}}.\n{{reason}}\n\nFix the receiver, then enable the endpoint again (PUT /api/v1/platform/webhook-endpoints/{{endpointId}} with enabled: true) and replay what it missed.',
  },
  'provisioning-failed': {
    subject: 'Provisioning of {{tenant.name}} failed at {{step}}',
    html: '<p>Provisioning of {{tenant.name}} ({{tenantId}}) failed at step <strong>{{step}}</strong> after {{attempts}} attempt(s): {{reason}}</p>',
    text: 'Provisioning of {{tenant.name}} ({{tenantId}}) failed at step {{step}} after {{attempts}} attempt(s): {{reason}}',
  },
  'retention-check-in': {
    subject: '{{#if success}}How is {{tenant.name}} doing?{{else}}{{tenant.name}}: can we help?{{/if}}',
    html: '{{#if success}}<p>{{tenant.name}} has been going well. We would like to hear how the platform works for you and what would make it better: just reply to this mail.</p>{{else}}<p>We noticed some changes in how {{tenant.name}} uses the platform:</p><ul>{{#each details}}<li>{{this}}</li>{{/each}}</ul><p>Our team will get in touch; if something is in your way, reply to this mail.</p>{{/if}}',
    text: '{{#if success}}{{tenant.name}} has been going well. We would like to hear how the platform works for you and what would make it better: just reply to this mail.{{else}}We noticed some changes in how {{tenant.name}} uses the platform:\n{{#each details}}- {{this}}\n{{/each}}\nOur team will get in touch; if something is in your way, reply to this mail.{{/if}}',
  },
  'win-back': {
    subject: 'We miss {{tenant.name}}',
    html: '<p>It has been {{delayDays}} days since {{tenant.name}} left the platform. A lot may have changed since: if you would like to come back, reply to this mail and we will set you up again.</p>',
    text: 'It has been {{delayDays}} days since {{tenant.name}} left the platform. A lot may have changed since: if you would like to come back, reply to this mail and we will set you up again.',
  },
  'user-invited': {
    subject: 'You are invited to {{tenant.name}}',
    html: '<p>Hello,</p><p>You were invited to {{tenant.name}} as {{role}}.</p><p><a href="{{invitationUrl}}">Accept your invitation</a> before {{expiresAt}}.</p><p>The link works once.</p>',
    text: 'Hello,\n\nYou were invited to {{tenant.name}} as {{role}}.\n\nAccept your invitation before {{expiresAt}}:\n{{invitationUrl}}\n\nThe link works once.',
  },
  'impersonation-started': {
    subject: '{{tenant.name}}: support access started ({{access}})',
    html: '<p>A {{actorRole}} of the platform started acting as an administrator of {{tenant.name}} ({{access}}) until {{expiresAt}}.</p><p>Reason: {{reason}}</p><p>Every call made with this access appears in your audit trail (impersonation {{impersonationId}}).</p>',
    text: 'A {{actorRole}} of the platform started acting as an administrator of {{tenant.name}} ({{access}}) until {{expiresAt}}.\nReason: {{reason}}\nEvery call made with this access appears in your audit trail (impersonation {{impersonationId}}).',
  },
};

const DE: Record<NotificationType, TemplateParts> = {
  welcome: {
    subject: 'Willkommen bei {{tenant.name}}: Ihre Einladung',
    html: '<p>Hallo,</p><p>{{tenant.name}} ist eingerichtet, und Sie sind der erste Administrator.</p><p><a href="{{invitationUrl}}">Einladung annehmen</a> bis {{expiresAt}}.</p><p>Der Link gilt einmal.</p>',
    text: 'Hallo,\n\n{{tenant.name}} ist eingerichtet, und Sie sind der erste Administrator.\n\nNehmen Sie die Einladung bis {{expiresAt}} an:\n{{invitationUrl}}\n\nDer Link gilt einmal.',
  },
  'usage-alert': {
    subject: '{{tenant.name}}: Nutzungswarnung{{#if many}}en ({{alerts.length}}){{/if}}',
    html: '<p>Nutzung von {{tenant.name}}:</p><ul>{{#each alerts}}<li>{{#if unusual}}{{metric}}: {{usage}} in einer Stunde, ungewöhnlich (sonst etwa {{baseline}}){{else}}{{metric}}: {{usage}} von {{limit}} ({{#if exceeded}}über dem Limit{{else}}{{percent}} %{{/if}}){{/if}} um {{at}}</li>{{/each}}</ul>',
    text: 'Nutzung von {{tenant.name}}:\n{{#each alerts}}- {{#if unusual}}{{metric}}: {{usage}} in einer Stunde, ungewöhnlich (sonst etwa {{baseline}}){{else}}{{metric}}: {{usage}} von {{limit}} ({{#if exceeded}}über dem Limit{{else}}{{percent}} %{{/if}}){{/if}} um {{at}}\n{{/each}}',
  },
  'trial-ending': {
    subject: '{{tenant.name}}: Ihre Testphase endet in {{daysLeft}} Tag(en)',
    html: '<p>Die Testphase von {{tenant.name}} im Tarif {{planId}} endet am <strong>{{trialEndsAt}}</strong>.</p>{{#if willConvert}}<p>Danach läuft der Tarif kostenpflichtig weiter; Sie müssen nichts tun.</p>{{else}}<p>Hinterlegen Sie bis dahin eine Zahlungsmethode, sonst wird der Mandant zum Ende der Testphase deaktiviert.</p>{{/if}}',
    text: 'Die Testphase von {{tenant.name}} im Tarif {{planId}} endet am {{trialEndsAt}}.\n{{#if willConvert}}Danach läuft der Tarif kostenpflichtig weiter; Sie müssen nichts tun.{{else}}Hinterlegen Sie bis dahin eine Zahlungsmethode, sonst wird der Mandant zum Ende der Testphase deaktiviert.{{/if}}',
  },
  'invoice-issued': {
    subject: '{{tenant.name}}: Rechnung über {{amount}} {{currency}}',
    html: '<p>Eine Rechnung über <strong>{{amount}} {{currency}}</strong> für {{periodStart}} bis {{periodEnd}} wurde ausgestellt, fällig am {{dueAt}}.</p><p>Rechnung {{invoiceId}}</p>',
    text: 'Eine Rechnung über {{amount}} {{currency}} für {{periodStart}} bis {{periodEnd}} wurde ausgestellt, fällig am {{dueAt}}.\nRechnung {{invoiceId}}',
  },
  'payment-failed': {
    subject: '{{tenant.name}}: Zahlung über {{amount}} {{currency}} fehlgeschlagen',
    html: '<p>Wir konnten {{amount}} {{currency}} für Rechnung {{invoiceId}} nicht einziehen (Versuch {{attempt}}): {{reason}}.</p><p>Bitte aktualisieren Sie Ihre Zahlungsmethode.</p>',
    text: 'Wir konnten {{amount}} {{currency}} für Rechnung {{invoiceId}} nicht einziehen (Versuch {{attempt}}): {{reason}}.\nBitte aktualisieren Sie Ihre Zahlungsmethode.',
  },
  'dunning-warning': {
    subject: '{{tenant.name}}: Rechnung {{invoiceId}} ist überfällig ({{stage}})',
    html: '<p>Rechnung {{invoiceId}} ist weiterhin offen; das Mahnverfahren ist in der Stufe <strong>{{stage}}</strong>.</p>',
    text: 'Rechnung {{invoiceId}} ist weiterhin offen; das Mahnverfahren ist in der Stufe {{stage}}.',
  },
  'tenant-suspended': {
    subject: '{{tenant.name}} wurde gesperrt',
    html: '<p>{{tenant.name}} wurde gesperrt{{#if reason}}: {{reason}}{{/if}}. Die API lehnt Aufrufe bis zur Reaktivierung ab.</p>',
    text: '{{tenant.name}} wurde gesperrt{{#if reason}}: {{reason}}{{/if}}. Die API lehnt Aufrufe bis zur Reaktivierung ab.',
  },
  'tenant-reactivated': {
    subject: '{{tenant.name}} ist wieder aktiv',
    html: '<p>{{tenant.name}} wurde reaktiviert.</p>',
    text: '{{tenant.name}} wurde reaktiviert.',
  },
  'offboarding-complete': {
    subject: '{{tenant.name}} wurde abgemeldet',
    html: '<p>Die Daten von {{tenant.name}} wurden exportiert und entfernt. Der Export {{archiveUri}} bleibt bis {{retainedUntil}} erhalten.</p>',
    text: 'Die Daten von {{tenant.name}} wurden exportiert und entfernt. Der Export {{archiveUri}} bleibt bis {{retainedUntil}} erhalten.',
  },
  'webhook-endpoint-disabled': {
    subject: '{{tenant.name}}: Webhook-Endpunkt deaktiviert',
    html: '<p>Der Webhook-Endpunkt <strong>{{url}}</strong> ({{endpointId}}) wurde am {{disabledAt}} deaktiviert: Jede Zustellung schlägt seit {{failingSince}} fehl.</p><p>{{reason}}</p><p>Beheben Sie den Empfänger, aktivieren Sie den Endpunkt wieder (<code>PUT /api/v1/platform/webhook-endpoints/{{endpointId}}</code> mit <code>enabled: true</code>) und spielen Sie das Verpasste erneut ein.</p>',
    text: 'Der Webhook-Endpunkt {{url}} ({{endpointId}}) wurde am {{disabledAt}} deaktiviert: Jede Zustellung schlägt seit {{failingSince}} fehl.\n{{reason}}\n\nBeheben Sie den Empfänger, aktivieren Sie den Endpunkt wieder (PUT /api/v1/platform/webhook-endpoints/{{endpointId}} mit enabled: true) und spielen Sie das Verpasste erneut ein.',
  },
  'provisioning-failed': EN['provisioning-failed'],
  'performance-degraded': EN['performance-degraded'],
  'churn-risk': EN['churn-risk'],
  'admin-message': {
    subject: '{{tenant.name}}: {{subject}}',
    html: '<p>{{message}}</p><p>— Ihr Plattform-Team</p>',
    text: '{{message}}\n\n— Ihr Plattform-Team',
  },
  'maintenance-scheduled': {
    subject: '{{tenant.name}}: {{#if emergency}}Notfall-Wartung{{else}}Wartung{{/if}} ab {{startsAt}}',
    html: '<p>{{#if emergency}}Eine Notfall-Wartung hat begonnen{{else}}Eine Wartung ist geplant{{/if}} für {{tenant.name}} von {{startsAt}} bis {{endsAt}} (UTC).</p><p>Grund: {{reason}}</p><p>Während des Zeitfensters beantwortet die API Ihre Anfragen mit 503 und einem Retry-After-Header; Ihre gespeicherten Daten sind nicht betroffen.</p>',
    text: '{{#if emergency}}Eine Notfall-Wartung hat begonnen{{else}}Eine Wartung ist geplant{{/if}} für {{tenant.name}} von {{startsAt}} bis {{endsAt}} (UTC).\nGrund: {{reason}}\nWährend des Zeitfensters beantwortet die API Ihre Anfragen mit 503 und einem Retry-After-Header; Ihre gespeicherten Daten sind nicht betroffen.',
  },
  'retention-check-in': {
    subject: '{{#if success}}Wie läuft es bei {{tenant.name}}?{{else}}{{tenant.name}}: Können wir helfen?{{/if}}',
    html: '{{#if success}}<p>Bei {{tenant.name}} läuft es gut. Wir möchten gern hören, wie Ihnen die Plattform gefällt und was wir besser machen können: Antworten Sie einfach auf diese Mail.</p>{{else}}<p>Uns ist aufgefallen, dass sich die Nutzung von {{tenant.name}} verändert hat:</p><ul>{{#each details}}<li>{{this}}</li>{{/each}}</ul><p>Unser Team meldet sich bei Ihnen; wenn Ihnen etwas im Weg steht, antworten Sie auf diese Mail.</p>{{/if}}',
    text: '{{#if success}}Bei {{tenant.name}} läuft es gut. Wir möchten gern hören, wie Ihnen die Plattform gefällt und was wir besser machen können: Antworten Sie einfach auf diese Mail.{{else}}Uns ist aufgefallen, dass sich die Nutzung von {{tenant.name}} verändert hat:\n{{#each details}}- {{this}}\n{{/each}}\nUnser Team meldet sich bei Ihnen; wenn Ihnen etwas im Weg steht, antworten Sie auf diese Mail.{{/if}}',
  },
  'win-back': {
    subject: 'Wir vermissen {{tenant.name}}',
    html: '<p>Vor {{delayDays}} Tagen hat {{tenant.name}} die Plattform verlassen. Seitdem hat sich viel getan: Wenn Sie zurückkommen möchten, antworten Sie auf diese Mail, und wir richten alles wieder ein.</p>',
    text: 'Vor {{delayDays}} Tagen hat {{tenant.name}} die Plattform verlassen. Seitdem hat sich viel getan: Wenn Sie zurückkommen möchten, antworten Sie auf diese Mail, und wir richten alles wieder ein.',
  },
  'user-invited': {
    subject: 'Einladung zu {{tenant.name}}',
    html: '<p>Hallo,</p><p>Sie wurden zu {{tenant.name}} als {{role}} eingeladen.</p><p><a href="{{invitationUrl}}">Einladung annehmen</a> bis {{expiresAt}}.</p><p>Der Link gilt einmal.</p>',
    text: 'Hallo,\n\nSie wurden zu {{tenant.name}} als {{role}} eingeladen.\n\nNehmen Sie die Einladung bis {{expiresAt}} an:\n{{invitationUrl}}\n\nDer Link gilt einmal.',
  },
  'impersonation-started': {
    subject: '{{tenant.name}}: Support-Zugriff begonnen ({{access}})',
    html: '<p>Ein {{actorRole}} der Plattform handelt bis {{expiresAt}} als Administrator von {{tenant.name}} ({{access}}).</p><p>Grund: {{reason}}</p><p>Jeder Aufruf mit diesem Zugriff erscheint in Ihrem Audit-Protokoll (Impersonation {{impersonationId}}).</p>',
    text: 'Ein {{actorRole}} der Plattform handelt bis {{expiresAt}} als Administrator von {{tenant.name}} ({{access}}).\nGrund: {{reason}}\nJeder Aufruf mit diesem Zugriff erscheint in Ihrem Audit-Protokoll (Impersonation {{impersonationId}}).',
  },
};

export const BUILTIN_TEMPLATES: Record<Language, Record<NotificationType, TemplateParts>> = { en: EN, de: DE };

/** `de-AT` → `de`; anything not shipped → `en`. */
export function languageOf(tag: string | undefined): Language {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : 'en';
}

/** Data every template of a type renders with when an override is validated. */
export const SAMPLE_DATA: Record<NotificationType, Record<string, unknown>> = {
  welcome: { invitationUrl: 'https://acme.tenantry.local/invitations/accept?token=sample', expiresAt: '2026-01-08T00:00:00.000Z' },
  'usage-alert': {
    many: true,
    alerts: [
      { metric: 'api_calls', usage: '80000', limit: '100000', percent: 80, exceeded: false, unusual: false, baseline: '', at: '2026-01-01T10:00:00.000Z' },
      { metric: 'storage_bytes', usage: '120', limit: '100', percent: 120, exceeded: true, unusual: false, baseline: '', at: '2026-01-01T11:00:00.000Z' },
      { metric: 'api_calls', usage: '9000', limit: '', percent: 0, exceeded: false, unusual: true, baseline: '1200', at: '2026-01-01T12:00:00.000Z' },
    ],
  },
  'trial-ending': { planId: 'starter', trialEndsAt: '2026-01-15T09:00:00.000Z', daysLeft: 3, willConvert: false },
  'invoice-issued': { invoiceId: '00000000-0000-4000-8000-000000000001', amount: '29.00', currency: 'USD', periodStart: '2026-01-01', periodEnd: '2026-02-01', dueAt: '2026-02-15' },
  'payment-failed': { invoiceId: '00000000-0000-4000-8000-000000000001', amount: '29.00', currency: 'USD', reason: 'card_declined', attempt: 1 },
  'dunning-warning': { invoiceId: '00000000-0000-4000-8000-000000000001', stage: 'warning' },
  'tenant-suspended': { reason: 'unpaid invoice' },
  'tenant-reactivated': {},
  'offboarding-complete': { archiveUri: 'urn:tenantry:export:00000000-0000-4000-8000-000000000002', retainedUntil: '2026-03-01T00:00:00.000Z' },
  'provisioning-failed': { tenantId: '00000000-0000-4000-8000-000000000003', step: 'domain', reason: 'DNS timeout', attempts: 3 },
  'performance-degraded': { tenantId: '00000000-0000-4000-8000-000000000003', windowStart: '2026-01-01T10:00:00.000Z', p95Ms: 1800, errorRate: 0.07, requests: 5200 },
  'webhook-endpoint-disabled': { endpointId: '00000000-0000-4000-8000-000000000004', url: 'https://hooks.example.com/tenantry', reason: 'every delivery failed for 5 days', failingSince: '2026-01-01T10:00:00.000Z', disabledAt: '2026-01-06T10:00:00.000Z' },
  'churn-risk': { tenantId: '00000000-0000-4000-8000-000000000003', risk: 'high', reasons: ['usage down 60 % in 30 days', 'two failed payments'] },
  'retention-check-in': { success: false, checkInId: '00000000-0000-4000-8000-000000000004', reasons: ['usage-decline'], details: ['API calls down 45 % against the previous 30 days'] },
  'win-back': { delayDays: 30, removedAt: '2026-01-01T00:00:00.000Z' },
  'admin-message': { subject: 'New region available', message: 'Your data can now be hosted in Frankfurt.' },
  'maintenance-scheduled': { startsAt: '2026-01-10T02:00:00.000Z', endsAt: '2026-01-10T03:00:00.000Z', reason: 'database upgrade', emergency: false },
  'user-invited': { email: 'ann@example.com', role: 'member', invitationUrl: 'https://acme.tenantry.local/invitations/accept?token=sample', expiresAt: '2026-01-08T00:00:00.000Z' },
  'impersonation-started': {
    impersonationId: '00000000-0000-4000-8000-000000000004', actorRole: 'support', access: 'read-only', reason: 'Ticket #4711', expiresAt: '2026-01-01T10:15:00.000Z',
  },
};
