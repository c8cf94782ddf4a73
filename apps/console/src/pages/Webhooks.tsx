/**
 * Webhook endpoints (create — the signing secret shown once —, edit, enable/disable, remove, send a
 * test event) and their deliveries (each attempt), with redeliver; the endpoint in the URL.
 */
import { Alert, Anchor, Badge, Button, Card, Checkbox, Code, Group, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ConfirmButton, ErrorAlert } from '../components/common';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ScrollTable } from '../components/ScrollTable';
import { ReplayButton, RotateSecretButton } from '../components/WebhookEndpointActions';

interface Endpoint {
  id: string;
  tenantId: string | null;
  url: string;
  eventTypes: string[];
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
}
interface Delivery {
  id: string;
  eventType: string;
  status: string;
  nextAttemptAt: string | null;
  createdAt: string;
  attempts: { attemptedAt: string; statusCode: number | null; latencyMs: number; error: string | null }[];
}

export function WebhooksPage() {
  const { can } = useSession();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('endpoint');
  const [editing, setEditing] = useState<Endpoint>();
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const refresh = () => client.invalidateQueries({ queryKey: ['webhook-endpoints'] });
  const act = async (work: () => Promise<unknown>, done: string) => {
    setActionError(undefined);
    setNotice(undefined);
    try {
      await work();
      setNotice(done);
      await refresh();
    } catch (e) {
      setActionError(e);
    }
  };
  const endpoints = useQuery({ queryKey: ['webhook-endpoints'], queryFn: () => api<{ endpoints: Endpoint[] }>('/webhook-endpoints'), enabled: can('listWebhookEndpoints') });
  if (!can('listWebhookEndpoints')) return <Alert color="yellow">Your role may not read webhook endpoints.</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        Webhooks
      </Title>
      <ErrorAlert error={endpoints.error} title="The webhook endpoints could not be listed" />
      <ErrorAlert error={actionError} title="The endpoint was not changed" />
      {notice && <Text role="status">{notice}</Text>}
      <ScrollTable minWidth={720} label="Webhook endpoints">
      <Table striped aria-label="Webhook endpoints">
        <Table.Thead>
          <Table.Tr><Table.Th>URL</Table.Th><Table.Th>Tenant</Table.Th><Table.Th>Events</Table.Th><Table.Th>State</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {endpoints.data?.endpoints.map((e) => (
            <Table.Tr key={e.id} data-testid={`endpoint-${e.url}`}>
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => setParams({ endpoint: e.id })}>
                  {e.url}
                </Anchor>
              </Table.Td>
              <Table.Td>{e.tenantId ?? 'platform'}</Table.Td>
              <Table.Td>{e.eventTypes.join(', ')}</Table.Td>
              <Table.Td>{e.enabled ? (e.failingSince ? `failing since ${formatDateTime(e.failingSince)}` : 'enabled') : `disabled${e.disabledReason ? `: ${e.disabledReason}` : ''}`}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  {can('updateWebhookEndpoint') && (
                    <Button size="xs" variant="default" aria-label={`Edit ${e.url}`} onClick={() => setEditing(e)}>
                      Edit
                    </Button>
                  )}
                  {can('updateWebhookEndpoint') &&
                    (e.enabled ? (
                      <ConfirmButton label="Disable" color="orange" title={`Disable ${e.url}?`} confirmLabel="Disable" onConfirm={() => api(`/webhook-endpoints/${e.id}`, { method: 'PUT', body: { enabled: false } }).then(refresh)}>
                        {`Nothing is delivered to ${e.url} until it is enabled again.`}
                      </ConfirmButton>
                    ) : (
                      <Button size="xs" variant="default" aria-label={`Enable ${e.url}`} onClick={() => void act(() => api(`/webhook-endpoints/${e.id}`, { method: 'PUT', body: { enabled: true } }), `${e.url} enabled.`)}>
                        Enable
                      </Button>
                    ))}
                  {can('testWebhookEndpoint') && e.enabled && (
                    <Button size="xs" variant="default" aria-label={`Send a test event to ${e.url}`} onClick={() => void act(() => api(`/webhook-endpoints/${e.id}/test`, { method: 'POST', body: {} }), `A test event is queued for ${e.url}.`)}>
                      Test
                    </Button>
                  )}
                  {can('rotateWebhookSecret') && <RotateSecretButton endpointId={e.id} url={e.url} />}
                  {can('replayWebhookEvents') && e.enabled && <ReplayButton endpointId={e.id} url={e.url} onQueued={setNotice} />}
                  {can('deleteWebhookEndpoint') && (
                    <ConfirmButton label="Remove" title={`Remove the endpoint ${e.url}?`} confirmLabel="Remove" onConfirm={() => api(`/webhook-endpoints/${e.id}`, { method: 'DELETE' }).then(refresh)}>
                      {`${e.url} and its delivery log are removed; nothing more is delivered to it.`}
                    </ConfirmButton>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </ScrollTable>
      {endpoints.data?.endpoints.length === 0 && <Text>No webhook endpoint.</Text>}
      {editing && <EditEndpoint endpoint={editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
      {can('createWebhookEndpoint') && <CreateEndpoint onCreated={refresh} />}
      {selected && can('listWebhookDeliveries') && <Deliveries endpointId={selected} redeliver={can('redeliverWebhook')} />}
    </Stack>
  );
}

function Deliveries({ endpointId, redeliver }: { endpointId: string; redeliver: boolean }) {
  const client = useQueryClient();
  const deliveries = useQuery({ queryKey: ['webhook-deliveries', endpointId], queryFn: () => api<{ deliveries: Delivery[] }>(`/webhook-endpoints/${endpointId}/deliveries`) });
  const [error, setError] = useState<unknown>();
  const [queued, setQueued] = useState<string | null>(null);
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Deliveries
      </Title>
      <ErrorAlert error={deliveries.error} title="The deliveries could not be listed" />
      <ErrorAlert error={error} title="The delivery was not queued again" />
      {queued && <Text role="status">Delivery {queued} queued again.</Text>}
      <Table aria-label="Deliveries">
        <Table.Thead>
          <Table.Tr><Table.Th>Event</Table.Th><Table.Th>Status</Table.Th><Table.Th>Attempts</Table.Th><Table.Th>Last answer</Table.Th><Table.Th>Next attempt</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.data?.deliveries.map((d) => {
            const last = d.attempts[d.attempts.length - 1];
            return (
              <Table.Tr key={d.id}>
                <Table.Td>{d.eventType}</Table.Td>
                <Table.Td>
                  <Badge color="gray.7" autoContrast={false}>{d.status}</Badge>
                </Table.Td>
                <Table.Td>{d.attempts.length}</Table.Td>
                <Table.Td>{last ? `${last.statusCode ?? 'no answer'}${last.error ? ` (${last.error})` : ''}, ${last.latencyMs} ms` : '—'}</Table.Td>
                <Table.Td>{formatDateTime(d.nextAttemptAt)}</Table.Td>
                <Table.Td>
                  {redeliver && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={async () => {
                        setError(undefined);
                        try {
                          await api(`/webhook-deliveries/${d.id}/redeliver`, { method: 'POST', body: {} });
                          setQueued(d.id);
                          await client.invalidateQueries({ queryKey: ['webhook-deliveries', endpointId] });
                        } catch (e) {
                          setError(e);
                        }
                      }}
                    >
                      Redeliver
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const ENDPOINT_FIELDS = ['url', 'eventTypes', 'description', 'tenantId', 'enabled'];

/** "Invoice*, TenantSuspended" → ["Invoice*", "TenantSuspended"]. */
function eventTypesOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function CreateEndpoint({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const { caller } = useSession();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('*');
  const [description, setDescription] = useState('');
  const [tenantId, setTenantId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [secret, setSecret] = useState<string>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    const body: Record<string, unknown> = { url: url.trim(), eventTypes: eventTypesOf(events) };
    if (description.trim()) body['description'] = description.trim();
    if (caller?.role === 'platform-admin' && tenantId.trim()) body['tenantId'] = tenantId.trim();
    try {
      const created = await api<Endpoint & { secret: string }>('/webhook-endpoints', { method: 'POST', body });
      setSecret(created.secret);
      setUrl('');
      setDescription('');
      await onCreated();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ENDPOINT_FIELDS) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Card withBorder>
      <form onSubmit={submit} aria-label="New webhook endpoint">
        <Stack gap="sm">
          <Title order={2} size="h4">
            New endpoint
          </Title>
          <TextInput label="URL" placeholder="https://hooks.example.com/tenantry" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors['url']} required />
          <TextInput label="Event types" description="Names from the event catalogue, a prefix ending in *, or * for all; separated by commas" value={events} onChange={(e) => setEvents(e.currentTarget.value)} error={errors['eventTypes']} required />
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors['description']} maxLength={500} />
          {caller?.role === 'platform-admin' && <TextInput label="Tenant id (empty: every tenant's events)" value={tenantId} onChange={(e) => setTenantId(e.currentTarget.value)} error={errors['tenantId']} />}
          <ErrorAlert error={error} title="The endpoint was not created" />
          {secret && (
            <Alert color="blue" title="Endpoint created: copy its signing secret now, it is not shown again" role="status">
              <Stack gap="xs">
                <Code data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
                  {secret}
                </Code>
                <Group>
                  <Button size="xs" variant="default" onClick={() => setSecret(undefined)}>
                    Done
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Group>
            <Button type="submit">Create endpoint</Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function EditEndpoint({ endpoint, onClose, onSaved }: { endpoint: Endpoint; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const [url, setUrl] = useState(endpoint.url);
  const [events, setEvents] = useState(endpoint.eventTypes.join(', '));
  const [description, setDescription] = useState(endpoint.description);
  const [enabled, setEnabled] = useState(endpoint.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    try {
      await api(`/webhook-endpoints/${endpoint.id}`, { method: 'PUT', body: { url: url.trim(), eventTypes: eventTypesOf(events), description: description.trim(), enabled } });
      await onSaved();
      onClose();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ENDPOINT_FIELDS) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Edit ${endpoint.url}`}>
      <form onSubmit={submit} aria-label="Edit webhook endpoint">
        <Stack gap="sm">
          <TextInput label="URL" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors['url']} required />
          <TextInput label="Event types" value={events} onChange={(e) => setEvents(e.currentTarget.value)} error={errors['eventTypes']} required />
          <TextInput label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors['description']} maxLength={500} />
          <Checkbox label="Enabled" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
          <ErrorAlert error={error} title="The endpoint was not changed" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
