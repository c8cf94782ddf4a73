/**
 * Notifications: the mail log (filters and cursor in the URL) and the templates (view, edit with the
 * API's render errors at the part, reset to the shipped one after a confirmation).
 */
import { Alert, Anchor, Button, Card, Code, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ConfirmButton, ErrorAlert } from '../components/common';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ScrollTable } from '../components/ScrollTable';

// From the API's enums (GET /notifications `type`, `status`; PUT /notification-templates `language`).
export const NOTIFICATION_TYPES = ['welcome', 'usage-alert', 'trial-ending', 'invoice-issued', 'payment-failed', 'dunning-warning', 'tenant-suspended', 'tenant-reactivated', 'offboarding-complete', 'provisioning-failed', 'performance-degraded', 'churn-risk', 'retention-check-in', 'win-back', 'user-invited', 'impersonation-started', 'webhook-endpoint-disabled', 'admin-message', 'maintenance-scheduled'];
const STATUSES = ['pending', 'sending', 'delivered', 'failed', 'suppressed'];
const LANGUAGES = ['en', 'de'];

interface Notification {
  id: string;
  tenantId?: string;
  type: string;
  category: string;
  critical: boolean;
  recipient: string;
  status: string;
  attempts: number;
  lastError?: string;
  messageId?: string;
  createdAt: string;
  sentAt?: string;
}
interface Template {
  type: string;
  language: string;
  overridden: boolean;
  updatedAt?: string;
  sample: Record<string, unknown>;
  subject: string;
  html: string;
  text: string;
}

function SubNav() {
  const { can } = useSession();
  return (
    <Group>
      <Anchor component={Link} to="/notifications">
        Mail log
      </Anchor>
      {can('getNotificationTemplate') && (
        <Anchor component={Link} to="/notifications/templates">
          Templates
        </Anchor>
      )}
    </Group>
  );
}

export function NotificationsPage() {
  const { can, caller } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = { tenantId: params.get('tenantId') ?? '', type: params.get('type') ?? '', status: params.get('status') ?? '', cursor: params.get('cursor') ?? '' };
  const log = useQuery({ queryKey: ['notifications', filters], queryFn: () => api<{ notifications: Notification[]; nextCursor?: string }>('/notifications', { query: { ...filters, limit: 50 } }), enabled: can('listNotifications') });
  const [tenantDraft, setTenantDraft] = useState(filters.tenantId);
  if (!can('listNotifications')) return <Alert color="yellow">Your role may not read the mail log.</Alert>;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('cursor');
    setParams(next);
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        Notifications
      </Title>
      <SubNav />
      <Group align="flex-end" wrap="wrap">
        {caller?.role !== 'tenant-admin' && (
          <form
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              set('tenantId', tenantDraft.trim());
            }}
          >
            <TextInput label="Tenant id" value={tenantDraft} onChange={(e) => setTenantDraft(e.currentTarget.value)} onBlur={() => set('tenantId', tenantDraft.trim())} w={320} />
          </form>
        )}
        <NativeSelect label="Type" data={[{ value: '', label: 'any' }, ...NOTIFICATION_TYPES]} value={filters.type} onChange={(e) => set('type', e.currentTarget.value)} w={220} />
        <NativeSelect label="Status" data={[{ value: '', label: 'any' }, ...STATUSES]} value={filters.status} onChange={(e) => set('status', e.currentTarget.value)} w={160} />
      </Group>
      <ErrorAlert error={log.error} title="The mail log could not be read" />
      <ScrollTable minWidth={720} label="Mail log">
        <Table aria-label="Mail log" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>When</Table.Th><Table.Th>Type</Table.Th><Table.Th>To</Table.Th><Table.Th>Tenant</Table.Th><Table.Th>Status</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Error</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {log.data?.notifications.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>{formatDateTime(n.sentAt ?? n.createdAt)}</Table.Td>
                <Table.Td>
                  {n.type}
                  {n.critical ? ' (critical)' : ''}
                </Table.Td>
                <Table.Td>{n.recipient}</Table.Td>
                <Table.Td>{n.tenantId ? <Anchor component={Link} to={`/tenants/${n.tenantId}`}>{n.tenantId.slice(0, 8)}</Anchor> : 'platform'}</Table.Td>
                <Table.Td>{n.status}</Table.Td>
                <Table.Td>{n.attempts}</Table.Td>
                <Table.Td>{n.lastError ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {log.data?.notifications.length === 0 && <Text>No mail matches.</Text>}
      <Group>
        {filters.cursor && (
          <Button variant="default" onClick={() => set('cursor', '')}>
            Newest
          </Button>
        )}
        {log.data?.nextCursor && (
          <Button
            variant="default"
            onClick={() => {
              const next = new URLSearchParams(params);
              next.set('cursor', log.data.nextCursor ?? '');
              setParams(next);
            }}
          >
            Older
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function TemplatesPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? 'welcome';
  const language = params.get('language') ?? 'en';
  const template = useQuery({ queryKey: ['template', type, language], queryFn: () => api<Template>(`/notification-templates/${encodeURIComponent(type)}`, { query: { language } }), enabled: can('getNotificationTemplate') });
  if (!can('getNotificationTemplate')) return <Alert color="yellow">Your role may not read the templates.</Alert>;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        Notification templates
      </Title>
      <SubNav />
      <Group align="flex-end" wrap="wrap">
        <NativeSelect label="Notification" data={NOTIFICATION_TYPES} value={type} onChange={(e) => set('type', e.currentTarget.value)} w={240} />
        <NativeSelect label="Language" data={LANGUAGES} value={language} onChange={(e) => set('language', e.currentTarget.value)} w={120} />
      </Group>
      <ErrorAlert error={template.error} title="The template could not be read" />
      {template.data && <TemplateEditor key={`${type}/${language}`} template={template.data} editable={can('putNotificationTemplate')} resettable={can('resetNotificationTemplate')} />}
    </Stack>
  );
}

const TEMPLATE_FIELDS = ['subject', 'html', 'text'] as const;

function TemplateEditor({ template, editable, resettable }: { template: Template; editable: boolean; resettable: boolean }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState({ subject: template.subject, html: template.html, text: template.text });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => setDraft({ subject: template.subject, html: template.html, text: template.text }), [template]);
  const refresh = (next: Template) => client.setQueryData(['template', template.type, template.language], next);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setSaved(undefined);
    try {
      const next = await api<Template>(`/notification-templates/${encodeURIComponent(template.type)}`, { method: 'PUT', body: { ...draft, language: template.language } });
      refresh(next);
      setSaved('Template saved: new mails of this type use it.');
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, [...TEMPLATE_FIELDS]) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={save} aria-label="Template">
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h4">
              {template.type} ({template.language}) — {template.overridden ? `overridden${template.updatedAt ? ` ${formatDateTime(template.updatedAt)}` : ''}` : 'the shipped template'}
            </Title>
            {resettable && template.overridden && (
              <ConfirmButton
                label="Reset to shipped"
                title={`Reset the ${template.type} template (${template.language})?`}
                confirmLabel="Reset"
                onConfirm={() => api<Template>(`/notification-templates/${encodeURIComponent(template.type)}`, { method: 'DELETE', query: { language: template.language } }).then((next) => {
                  refresh(next);
                  setSaved('The shipped template applies again.');
                })}
              >
                {`The override of ${template.type} in ${template.language} is removed and the shipped template applies again.`}
              </ConfirmButton>
            )}
          </Group>
          <TextInput label="Subject" value={draft.subject} readOnly={!editable} onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })} error={errors['subject']} />
          <Textarea label="HTML body" autosize minRows={4} maxRows={16} styles={{ input: { fontFamily: 'monospace' } }} value={draft.html} readOnly={!editable} onChange={(e) => setDraft({ ...draft, html: e.currentTarget.value })} error={errors['html']} />
          <Textarea label="Text body" autosize minRows={4} maxRows={16} styles={{ input: { fontFamily: 'monospace' } }} value={draft.text} readOnly={!editable} onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })} error={errors['text']} />
          <ErrorAlert error={error} title="The template was not saved" />
          {saved && (
            <Text c="teal.9" role="status">
              {saved}
            </Text>
          )}
          {editable && (
            <Group>
              <Button type="submit">Save template</Button>
            </Group>
          )}
          <Text size="sm" fw={600}>
            Variables (with the sample values it is checked with)
          </Text>
          <Code block>{JSON.stringify(template.sample, null, 2)}</Code>
        </Stack>
      </form>
    </Card>
  );
}
