/** Why a tenant leaves: the offboarding feedback recorded for it (newest first) and, while it is being offboarded, a form to record it. */
import { Button, Card, Group, NumberInput, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { feedbackBody, feedbackState, OFFBOARDING_REASONS, OffboardingFeedback, reasonWords } from '../lib/offboarding';
import { ApiError, fieldErrors } from '../lib/problem';
import { useSession } from '../session';
import { ErrorAlert } from './common';
import { ScrollTable } from './ScrollTable';

const FIELDS = ['reason', 'score', 'comment'] as const;

export function TenantOffboardingFeedback({ id, status }: { id: string; status: string }) {
  const { can } = useSession();
  const state = feedbackState(status);
  const feedback = useQuery({ queryKey: ['offboarding-feedback', id], queryFn: () => api<{ items: OffboardingFeedback[] }>(`/tenants/${id}/offboarding-feedback`), enabled: state !== 'none' && can('listOffboardingFeedback') });
  if (state === 'none' || !can('listOffboardingFeedback')) return null;
  const items = feedback.data?.items ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        Offboarding feedback
      </Title>
      <ErrorAlert error={feedback.error} title="The feedback could not be read" />
      {feedback.data && items.length === 0 && <Text>No feedback recorded.</Text>}
      {items.length > 0 && (
        <ScrollTable minWidth={560} label="Offboarding feedback">
          <Table aria-label="Offboarding feedback">
            <Table.Thead>
              <Table.Tr><Table.Th>When</Table.Th><Table.Th>Reason</Table.Th><Table.Th>Score (0–10)</Table.Th><Table.Th>Comment</Table.Th></Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{formatDateTime(f.createdAt)}</Table.Td><Table.Td>{reasonWords(f.reason)}</Table.Td><Table.Td>{f.score}</Table.Td><Table.Td>{f.comment ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {state === 'record' && can('recordOffboardingFeedback') && <RecordFeedback id={id} />}
    </Card>
  );
}

function RecordFeedback({ id }: { id: string }) {
  const client = useQueryClient();
  const [reason, setReason] = useState<string | null>(null);
  const [score, setScore] = useState<number | string>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(undefined);
    setRecorded(false);
    try {
      await api(`/tenants/${id}/offboarding-feedback`, { method: 'POST', body: feedbackBody({ reason, score, comment }) });
      await client.invalidateQueries({ queryKey: ['offboarding-feedback', id] });
      setReason(null);
      setScore('');
      setComment('');
      setRecorded(true);
    } catch (e) {
      const mapped = e instanceof ApiError ? fieldErrors(e.problem, FIELDS) : {};
      setErrors(mapped);
      if (Object.keys(mapped).length === 0 || mapped['_form']) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Record offboarding feedback">
      <Stack gap="xs" mt="sm">
        <Title order={3} size="h5">
          Record why the tenant leaves
        </Title>
        <Group align="flex-start" grow>
          <Select label="Reason" data={OFFBOARDING_REASONS.map((r) => ({ value: r.value, label: r.label }))} value={reason} onChange={setReason} error={errors['reason']} />
          <NumberInput label="Score" description="How likely to recommend us, 0 to 10" min={0} max={10} allowDecimal={false} value={score} onChange={setScore} error={errors['score']} />
        </Group>
        <Textarea label="Comment" value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={errors['comment']} maxLength={2000} autosize minRows={2} />
        <ErrorAlert error={error} title="The feedback was not recorded" />
        {recorded && (
          <Text c="teal.9" role="status">
            Feedback recorded.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            Record feedback
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
