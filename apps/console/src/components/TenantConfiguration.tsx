/**
 * A tenant's versioned configuration: the effective values with where each came from, the overrides
 * edited as JSON (validation errors shown at their path, a preview of the change before saving, the
 * version sent as If-Match), the versions, a diff between two of them, and rollback after a confirmation.
 */
import { Alert, Badge, Button, Code, Group, List, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../lib/api';
import { configurationErrors, configurationEtag, ConfigChange, diffRows, editableOverrides, flattenConfiguration, parseConfigurationText } from '../lib/config';
import { formatDateTime } from '../lib/format';
import { ApiError } from '../lib/problem';
import { ConfirmButton, ErrorAlert } from './common';
import { ScrollTable } from './ScrollTable';

interface ConfigurationView {
  tenantId: string;
  version: number;
  configuration: Record<string, unknown>;
  sources: Record<string, string>;
  overrides: Record<string, unknown>;
  changedBy: string;
  reason: string | null;
  changedAt: string;
}
interface ConfigurationVersion {
  version: number;
  overrides: Record<string, unknown>;
  changedPaths: string[];
  changedBy: string;
  reason: string | null;
  rolledBackTo: number | null;
  changedAt: string;
}
interface Preview {
  dryRun: boolean;
  version: number;
  changes: ConfigChange[];
}

const SOURCE_WORDS: Record<string, string> = { 'plan-default': 'plan default', tenant: 'tenant override', limits: 'limits API' };

/** A 412 in words: who changed what meanwhile, and what to do. */
function conflictWords(error: unknown, edited: number): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 412) return undefined;
  const current = typeof error.problem['currentVersion'] === 'number' ? error.problem['currentVersion'] : undefined;
  return `Someone changed this configuration while you edited it${current ? ` (it is now at version ${current}; you started from version ${edited})` : ''}. Nothing was saved: reload to see their change, then make yours again.`;
}

export function TenantConfiguration({ id, editable }: { id: string; editable: boolean }) {
  const client = useQueryClient();
  const view = useQuery({ queryKey: ['configuration', id], queryFn: () => api<ConfigurationView>(`/tenants/${id}/configuration`) });
  const versions = useQuery({ queryKey: ['configuration-versions', id], queryFn: () => api<{ items: ConfigurationVersion[] }>(`/tenants/${id}/configuration/versions`) });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: ['configuration', id] }), client.invalidateQueries({ queryKey: ['configuration-versions', id] }), client.invalidateQueries({ queryKey: ['configuration-diff', id] })]);
  return (
    <Stack>
      <ErrorAlert error={view.error} title="The configuration could not be read" />
      {view.data && <Effective view={view.data} />}
      {view.data && editable && <Editor id={id} view={view.data} onSaved={refresh} />}
      <ErrorAlert error={versions.error} title="The versions could not be listed" />
      {versions.data && view.data && <Versions id={id} items={versions.data.items} current={view.data.version} editable={editable} onRolledBack={refresh} />}
    </Stack>
  );
}

function Effective({ view }: { view: ConfigurationView }) {
  const [filter, setFilter] = useState('');
  const entries = flattenConfiguration(view.configuration, view.sources).filter((e) => !filter || e.path.toLowerCase().includes(filter.toLowerCase()));
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} size="h5">
          Effective configuration, version {view.version}
        </Title>
        <TextInput aria-label="Filter configuration paths" placeholder="Filter paths" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={220} />
      </Group>
      <Text size="xs">
        Changed {formatDateTime(view.changedAt)} by {view.changedBy}
        {view.reason ? `: ${view.reason}` : ''}
      </Text>
      <ScrollTable minWidth={480} label="Effective configuration">
        <Table aria-label="Effective configuration" striped>
          <Table.Thead>
            <Table.Tr><Table.Th>Path</Table.Th><Table.Th>Value</Table.Th><Table.Th>From</Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.path} data-testid={`config-${e.path}`}>
                <Table.Td><Code>{e.path}</Code></Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{e.value}</Table.Td>
                <Table.Td>{e.source === 'tenant' ? <Badge color="blue.9" autoContrast={false}>{SOURCE_WORDS[e.source]}</Badge> : SOURCE_WORDS[e.source] ?? e.source}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

function Editor({ id, view, onSaved }: { id: string; view: ConfigurationView; onSaved: () => Promise<unknown> }) {
  const [text, setText] = useState(() => editableOverrides(view.overrides));
  const [base, setBase] = useState(view.version);
  const [reason, setReason] = useState('');
  const [syntax, setSyntax] = useState<string>();
  const [pathErrors, setPathErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<unknown>();
  const [preview, setPreview] = useState<Preview>();
  const [saved, setSaved] = useState<number>();
  const [busy, setBusy] = useState(false);
  // A version saved elsewhere (or a rollback here) resets an untouched editor.
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) {
      setText(editableOverrides(view.overrides));
      setBase(view.version);
    }
  }, [view.version, view.overrides, dirty]);

  const send = async (dryRun: boolean) => {
    setSyntax(undefined);
    setPathErrors({});
    setError(undefined);
    setSaved(undefined);
    const parsed = parseConfigurationText(text);
    if (!parsed.ok) {
      setSyntax(parsed.message);
      return;
    }
    if (!dryRun && !reason.trim()) {
      setError(new Error('Say why the configuration changes (the reason is kept with the version).'));
      return;
    }
    setBusy(true);
    try {
      const answer = await api<Preview | ConfigurationView>(`/tenants/${id}/configuration`, {
        method: 'PUT',
        body: parsed.value,
        query: { reason: dryRun ? 'preview' : reason.trim(), dryRun: dryRun ? 'true' : undefined },
        headers: { 'if-match': configurationEtag(base) },
      });
      if (dryRun) setPreview(answer as Preview);
      else {
        const next = answer as ConfigurationView;
        setPreview(undefined);
        setReason('');
        setDirty(false);
        setSaved(next.version);
        await onSaved();
      }
    } catch (e) {
      const byPath = e instanceof ApiError ? configurationErrors(e.problem) : {};
      setPathErrors(byPath);
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const conflict = conflictWords(error, base);
  const hasPathErrors = Object.keys(pathErrors).length > 0;
  return (
    <form
      aria-label="Edit configuration"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send(false);
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          Edit the overrides
        </Title>
        <Text size="sm">What this tenant overrides, as JSON; anything left out falls back to its plan default. Secrets show as ******** — leave them so to keep them. Limits are edited in the limits form.</Text>
        <Textarea
          label="Overrides (JSON)"
          autosize
          minRows={6}
          maxRows={24}
          spellCheck={false}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={text}
          error={syntax ?? (hasPathErrors ? 'The API refused these values: see the paths below.' : undefined)}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setDirty(true);
          }}
        />
        {hasPathErrors && (
          <Alert color="red" title="Invalid values" role="alert">
            <List size="sm" aria-label="Invalid paths">
              {Object.entries(pathErrors).map(([path, messages]) => (
                <List.Item key={path} data-testid={`config-error-${path}`}>
                  <Code>{path}</Code>: {messages.join('; ')}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {conflict ? (
          <Alert color="red" title="Changed meanwhile" role="alert">
            <Stack gap="xs">
              <Text size="sm">{conflict}</Text>
              <Group>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    setDirty(false);
                    setError(undefined);
                    void onSaved();
                  }}
                >
                  Reload the configuration
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          !hasPathErrors && <ErrorAlert error={error} title="The configuration was not saved" />
        )}
        <TextInput label="Reason for the change" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />
        {preview && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {preview.changes.length === 0 ? 'This changes nothing.' : `This would change ${preview.changes.length} value${preview.changes.length === 1 ? '' : 's'}:`}
            </Text>
            {preview.changes.length > 0 && <DiffTable label="Preview of the change" changes={preview.changes} />}
          </Stack>
        )}
        {saved !== undefined && (
          <Text c="teal.9" role="status">
            Saved as version {saved}.
          </Text>
        )}
        <Group>
          <Button variant="default" onClick={() => void send(true)} loading={busy}>
            Preview changes
          </Button>
          <Button type="submit" loading={busy}>
            Save configuration
          </Button>
          {dirty && (
            <Button
              variant="subtle"
              onClick={() => {
                setText(editableOverrides(view.overrides));
                setBase(view.version);
                setDirty(false);
                setPreview(undefined);
                setPathErrors({});
                setSyntax(undefined);
                setError(undefined);
              }}
            >
              Discard edits
            </Button>
          )}
        </Group>
        <Text size="xs">Editing version {base}.</Text>
      </Stack>
    </form>
  );
}

export function DiffTable({ label, changes }: { label: string; changes: readonly ConfigChange[] }) {
  return (
    <ScrollTable minWidth={480} label={label}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr><Table.Th>Path</Table.Th><Table.Th>Change</Table.Th><Table.Th>Before</Table.Th><Table.Th>After</Table.Th></Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {diffRows(changes).map((row) => (
            <Table.Tr key={row.path}>
              <Table.Td><Code>{row.path}</Code></Table.Td>
              <Table.Td>{row.kind}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{row.before}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-all' }}>{row.after}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function Versions({ id, items, current, editable, onRolledBack }: { id: string; items: ConfigurationVersion[]; current: number; editable: boolean; onRolledBack: () => Promise<unknown> }) {
  const [params, setParams] = useSearchParams();
  const from = params.get('diffFrom');
  const to = params.get('diffTo');
  const setCompare = (key: 'diffFrom' | 'diffTo', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const diff = useQuery({
    queryKey: ['configuration-diff', id, from, to],
    queryFn: () => api<{ from: number; to: number; changes: ConfigChange[] }>(`/tenants/${id}/configuration/diff`, { query: { from, to } }),
    enabled: Boolean(from && to),
    retry: false,
  });
  let rollbackReason = '';
  const options = [{ value: '', label: '—' }, ...items.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))];
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        Versions
      </Title>
      <ScrollTable minWidth={560} label="Configuration versions">
        <Table aria-label="Configuration versions">
          <Table.Thead>
            <Table.Tr><Table.Th>Version</Table.Th><Table.Th>When</Table.Th><Table.Th>By</Table.Th><Table.Th>Why</Table.Th><Table.Th>Changed</Table.Th><Table.Th><span className="mantine-visually-hidden">Actions</span></Table.Th></Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((v) => (
              <Table.Tr key={v.version} data-testid={`config-version-${v.version}`}>
                <Table.Td>
                  {v.version}
                  {v.version === current ? ' (current)' : ''}
                  {v.rolledBackTo ? `, rollback to ${v.rolledBackTo}` : ''}
                </Table.Td>
                <Table.Td>{formatDateTime(v.changedAt)}</Table.Td>
                <Table.Td>{v.changedBy}</Table.Td>
                <Table.Td>{v.reason ?? '—'}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{v.changedPaths.length > 0 ? v.changedPaths.join(', ') : '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {v.version > 1 && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Diff version ${v.version} with version ${v.version - 1}`}
                        onClick={() => {
                          const next = new URLSearchParams(params);
                          next.set('diffFrom', String(v.version - 1));
                          next.set('diffTo', String(v.version));
                          setParams(next, { replace: true });
                        }}
                      >
                        Diff
                      </Button>
                    )}
                    {editable && v.version !== current && (
                      <ConfirmButton
                        label={`Roll back to version ${v.version}`}
                        color="orange"
                        title={`Roll the configuration back to version ${v.version}?`}
                        withReason
                        onReason={(r) => (rollbackReason = r)}
                        confirmLabel="Roll back"
                        onConfirm={() =>
                          api(`/tenants/${id}/configuration/versions/${v.version}/rollback`, {
                            method: 'POST',
                            body: { reason: rollbackReason.trim() || `rollback to version ${v.version}` },
                            headers: { 'if-match': configurationEtag(current) },
                          }).then(onRolledBack)
                        }
                      >
                        {`The overrides of version ${v.version} become the tenant's configuration again, as a new version ${current + 1}; the history is kept.`}
                      </ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect label="Compare from" data={options} value={from ?? ''} onChange={(e) => setCompare('diffFrom', e.currentTarget.value)} w={150} />
        <NativeSelect label="to" data={options} value={to ?? ''} onChange={(e) => setCompare('diffTo', e.currentTarget.value)} w={150} />
      </Group>
      <ErrorAlert error={diff.error} title="The diff could not be read" />
      {diff.data && (diff.data.changes.length === 0 ? <Text size="sm">Versions {diff.data.from} and {diff.data.to} are the same.</Text> : <DiffTable label={`Changes from version ${diff.data.from} to ${diff.data.to}`} changes={diff.data.changes} />)}
    </Stack>
  );
}
