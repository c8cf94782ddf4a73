/**
 * On the tenant page: which mails each recipient gets (the switchable categories; critical mails
 * shown, always sent) and the satisfaction feedback (score 0–10 and a comment) that feeds the
 * health score. Each shows only for the roles the API lets do it.
 */
import { Button, Card, Group, NativeSelect, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api } from '../lib/api';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ErrorAlert } from './common';

/** The categories a recipient can switch off (as the API's PREFERENCE_CATEGORIES). */
const CATEGORIES = ['usage', 'billing', 'lifecycle', 'product'] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_WORDS: Record<Category, string> = {
  usage: 'Usage: limits approaching and reached',
  billing: 'Billing: invoices and receipts',
  lifecycle: 'Lifecycle: provisioning, trial and status changes',
  product: 'Product: news and announcements',
};
interface Preferences {
  tenantId: string;
  recipients: { recipient: string; categories: Record<Category, boolean> }[];
  critical: string[];
}
const ALL_ON: Record<Category, boolean> = { usage: true, billing: true, lifecycle: true, product: true };
const ANOTHER = '';

export function TenantPreferences({ id }: { id: string }) {
  const { can } = useSession();
  return (
    <>
      {can('getNotificationPreferences') && <NotificationPreferences id={id} editable={can('setNotificationPreferences')} />}
      {can('recordTenantFeedback') && <SatisfactionFeedback id={id} />}
    </>
  );
}

function NotificationPreferences({ id, editable }: { id: string; editable: boolean }) {
  const client = useQueryClient();
  const preferences = useQuery({ queryKey: ['notification-preferences', id], queryFn: () => api<Preferences>(`/tenants/${id}/notification-preferences`), retry: false });
  const recipients = preferences.data?.recipients ?? [];
  const [chosen, setChosen] = useState<string>();
  const [other, setOther] = useState('');
  // Edits of the shown recipient; unset categories show what the API holds.
  const [edits, setEdits] = useState<Partial<Record<Category, boolean>>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const selected = chosen ?? recipients[0]?.recipient ?? ANOTHER;
  const recipient = selected === ANOTHER ? other.trim() : selected;
  const held = recipients.find((r) => r.recipient === recipient)?.categories ?? ALL_ON;
  const shown = { ...held, ...edits };
  const choose = (value: string) => {
    setChosen(value);
    setEdits({});
    setErrors({});
    setSaved(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    setSaved(undefined);
    try {
      await api(`/tenants/${id}/notification-preferences`, { method: 'PUT', body: { recipient, categories: shown } });
      await client.invalidateQueries({ queryKey: ['notification-preferences', id] });
      setEdits({});
      setSaved(`Saved for ${recipient}.`);
      if (selected === ANOTHER) {
        setChosen(recipient);
        setOther('');
      }
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['recipient', 'categories']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder data-testid="notification-preferences">
      <form onSubmit={submit} aria-label="Mail preferences" noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Mail preferences
          </Title>
          <ErrorAlert error={preferences.error} title="The mail preferences could not be read" />
          {preferences.data && (
            <>
              <Group align="flex-start" wrap="wrap">
                <NativeSelect
                  label="Recipient"
                  data={[...recipients.map((r) => ({ value: r.recipient, label: r.recipient })), ...(editable ? [{ value: ANOTHER, label: 'Another recipient…' }] : [])]}
                  value={selected}
                  onChange={(e) => choose(e.currentTarget.value)}
                  error={selected === ANOTHER ? undefined : errors['recipient']}
                  w={{ base: '100%', md: 320 }}
                />
                {selected === ANOTHER && <TextInput label="Recipient e-mail" type="email" value={other} onChange={(e) => setOther(e.currentTarget.value)} error={errors['recipient']} required w={{ base: '100%', md: 320 }} />}
              </Group>
              <Stack gap={6} role="group" aria-label={`Mails sent to ${recipient || 'the recipient'}`}>
                {CATEGORIES.map((category) => (
                  <Switch key={category} label={CATEGORY_WORDS[category]} checked={shown[category]} disabled={!editable} onChange={(e) => setEdits({ ...edits, [category]: e.currentTarget.checked })} />
                ))}
                {/* Critical mails ignore preferences: shown so nobody wonders why a suspension notice still arrives. */}
                {preferences.data.critical.map((category) => (
                  <Switch key={category} label={`${category[0]?.toUpperCase()}${category.slice(1)}: always sent (critical)`} checked disabled readOnly />
                ))}
              </Stack>
              {errors['categories'] && (
                <Text c="red.9" size="sm">
                  {errors['categories']}
                </Text>
              )}
              <ErrorAlert error={error} title="The preferences were not saved" />
              {saved && (
                <Text size="sm" role="status">
                  {saved}
                </Text>
              )}
              {editable && (
                <Group>
                  <Button type="submit" variant="default" loading={busy}>
                    Save preferences
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      </form>
    </Card>
  );
}

function SatisfactionFeedback({ id }: { id: string }) {
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [thanks, setThanks] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    setThanks(undefined);
    try {
      // A whole number goes as a number; anything else as typed, for the API to refuse at the field.
      const value = /^\d+$/.test(score.trim()) ? Number(score.trim()) : score.trim();
      const recorded = await api<{ score: number }>(`/tenants/${id}/feedback`, { method: 'POST', body: { score: value, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setScore('');
      setComment('');
      setThanks(`Thank you: a score of ${recorded.score} was recorded.`);
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, ['score', 'comment']) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder data-testid="satisfaction-feedback">
      <form onSubmit={submit} aria-label="Satisfaction feedback" noValidate>
        <Stack gap="xs">
          <Title order={2} size="h4">
            Satisfaction feedback
          </Title>
          <TextInput
            label="How likely is the tenant to recommend the platform?"
            description="0 (not at all) to 10 (extremely)"
            inputMode="numeric"
            value={score}
            onChange={(e) => setScore(e.currentTarget.value)}
            error={errors['score']}
            required
            w={{ base: '100%', md: 420 }}
          />
          <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={errors['comment']} maxLength={2000} autosize minRows={2} />
          <ErrorAlert error={error} title="The feedback was not recorded" />
          {thanks && (
            <Text size="sm" role="status">
              {thanks}
            </Text>
          )}
          <Group>
            <Button type="submit" variant="default" loading={busy}>
              Send feedback
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
