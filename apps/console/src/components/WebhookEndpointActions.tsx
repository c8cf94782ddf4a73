/**
 * Two endpoint actions of the webhooks page: rotate the signing secret (the new one shown once, with
 * how long the previous one keeps signing) and replay a time range; each asks first.
 */
import { Button, Code, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { FormEvent, useState } from 'react';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { localToIso } from '../lib/operations';
import { ApiError, fieldErrors } from '../lib/problem';
import { ConfirmButton, ErrorAlert } from './common';

interface Rotated {
  secret: string;
  previousSecretExpiresAt?: string;
}

export function RotateSecretButton({ endpointId, url }: { endpointId: string; url: string }) {
  const [rotated, setRotated] = useState<Rotated>();
  return (
    <>
      <ConfirmButton
        label="Rotate secret"
        color="orange"
        size="xs"
        ariaLabel={`Rotate secret of ${url}`}
        title={`Rotate the signing secret of ${url}?`}
        confirmLabel="Rotate secret"
        onConfirm={async () => setRotated(await api<Rotated>(`/webhook-endpoints/${endpointId}/rotate-secret`, { method: 'POST', body: {} }))}
      >
        {`A new signing secret is made for ${url} and shown once. The receiver must be given it; the current secret keeps signing for a while, as the answer says.`}
      </ConfirmButton>
      <Modal opened={rotated !== undefined} onClose={() => setRotated(undefined)} title="New signing secret" closeButtonProps={{ 'aria-label': 'Close' }}>
        {rotated && (
          <Stack>
            <Text>Copy the new secret now: it is not shown again.</Text>
            <Code data-testid="rotated-secret" style={{ wordBreak: 'break-all' }}>
              {rotated.secret}
            </Code>
            {rotated.previousSecretExpiresAt && (
              <Text role="status">{`The previous secret stays valid until ${formatDateTime(rotated.previousSecretExpiresAt)}: until then every delivery carries a second signature made with it.`}</Text>
            )}
            <Group justify="flex-end">
              <CopyButton value={rotated.secret}>
                {({ copied, copy }) => (
                  <Button variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy secret'}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setRotated(undefined)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}

export function ReplayButton({ endpointId, url, onQueued }: { endpointId: string; url: string; onQueued: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setOpen(false);
    setErrors({});
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setError(undefined);
    setBusy(true);
    try {
      const result = await api<{ queued: number }>(`/webhook-endpoints/${endpointId}/replay`, { method: 'POST', body: { from: localToIso(from), to: localToIso(to) } });
      onQueued(`${result.queued} event${result.queued === 1 ? '' : 's'} queued for ${url}.`);
      close();
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['from', 'to']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="default" aria-label={`Replay events to ${url}`} onClick={() => setOpen(true)}>
        Replay
      </Button>
      <Modal opened={open} onClose={close} title={`Replay events to ${url}?`} closeButtonProps={{ 'aria-label': 'Close' }}>
        <form onSubmit={submit} aria-label="Replay events">
          <Stack>
            <Text>Every event of the range the endpoint subscribes to and has not received is delivered again; failed deliveries are retried.</Text>
            <TextInput type="datetime-local" label="From" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors['from']} />
            <TextInput type="datetime-local" label="To" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors['to']} />
            <ErrorAlert error={error} title="Nothing was replayed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Replay events
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
