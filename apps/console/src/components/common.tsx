/** Small shared pieces: error alert in words, status badge, confirmation dialog. */
import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { ReactNode, useState } from 'react';
import { ApiError } from '../lib/problem';

export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title} role="alert">
      {message}
    </Alert>
  );
}

// Shades with at least 4.5:1 against white text (WCAG AA), checked by axe in the browser tests.
const SUSPENDED = '#a8400b';
const STATUS_COLOURS: Record<string, string> = {
  active: 'teal.9', trial: 'cyan.9', provisioning: 'blue.9', provisioning_failed: 'red.9', suspended: SUSPENDED, inactive: 'gray.7', offboarding: 'grape.9', deleted: 'gray.7',
  failed: 'red.9', succeeded: 'teal.9', running: 'blue.9', pending: 'gray.7', compensated: 'grape.9', waiting: 'cyan.9',
};
/** Button colours, as safe for white text. */
const BUTTON_COLOURS: Record<string, string> = { red: 'red.9', orange: SUSPENDED, green: 'teal.9', blue: 'blue.9' };

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={STATUS_COLOURS[status] ?? 'gray.7'} variant="filled" autoContrast={false} data-testid="status">
      {status}
    </Badge>
  );
}

/**
 * Asks before a destructive action, naming its subject; with `typeToConfirm`, the name must be typed.
 */
export function ConfirmButton(props: { label: string; title: string; children: ReactNode; onConfirm: () => Promise<unknown>; color?: string; typeToConfirm?: string; confirmLabel?: string; withReason?: boolean; onReason?: (reason: string) => void; ariaLabel?: string; size?: string }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const close = () => {
    setOpen(false);
    setTyped('');
    setReason('');
    setError(undefined);
  };
  return (
    <>
      <Button color={BUTTON_COLOURS[props.color ?? 'red']} autoContrast={false} onClick={() => setOpen(true)} aria-label={props.ariaLabel} size={props.size}>
        {props.label}
      </Button>
      <Modal opened={open} onClose={close} title={props.title}>
        <Stack>
          <Text>{props.children}</Text>
          {props.withReason && <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} />}
          {props.typeToConfirm && <TextInput label={`Type ${props.typeToConfirm} to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color={BUTTON_COLOURS[props.color ?? 'red']}
              autoContrast={false}
              loading={busy}
              disabled={props.typeToConfirm !== undefined && typed !== props.typeToConfirm}
              onClick={async () => {
                setBusy(true);
                setError(undefined);
                try {
                  props.onReason?.(reason);
                  await props.onConfirm();
                  close();
                } catch (e) {
                  setError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {props.confirmLabel ?? props.label}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
