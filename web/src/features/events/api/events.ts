import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { API_BASE, apiGet, apiSend, toQueryString } from '@/lib/api-client';
import {
  agendaSchema,
  type AvailabilityWindow,
  eventListSchema,
  eventSchema,
  listOf,
  meetingSchema,
  participantSchema,
  pinSchema,
  requestSchema,
  runSchema,
  suggestionSchema,
  tablePlanSchema,
  type TbEvent,
} from './schemas';

// The routes of docs/events.md (src/http/event_routes*.cc over src/events/event_service.h).

const enc = encodeURIComponent;

export const eventKeys = {
  all: ['events'] as const,
  list: ['events', 'list'] as const,
  one: (id: string) => ['events', 'one', id] as const,
  of: (id: string, what: string, ...rest: string[]) => ['events', 'one', id, what, ...rest] as const,
};

// Ids are integers on the server; send them as numbers when they look like one.
export function wireId(id: string): number | string {
  return /^\d+$/.test(id) ? Number(id) : id;
}

export function useEventList() {
  return useQuery({ queryKey: eventKeys.list, queryFn: ({ signal }) => apiGet('/events', eventListSchema, { signal }) });
}

export function useEvent(id: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.one(id),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}`, eventSchema, { signal }),
    enabled,
  });
}

function invalidateEvent(queryClient: QueryClient, id: string) {
  return queryClient.invalidateQueries({ queryKey: eventKeys.one(id) });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => apiSend('POST', '/events', body, eventSchema),
    onSuccess: (event) => {
      queryClient.setQueryData(eventKeys.one(event.id), event);
      void queryClient.invalidateQueries({ queryKey: eventKeys.list });
    },
  });
}

// PATCH with If-Match: the builder sends the whole editable document as a merge patch.
export function usePatchEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: Record<string, unknown>; version: number | null | undefined }) =>
      apiSend('PATCH', `/events/${enc(id)}`, body, eventSchema, {
        // The ETag is "v<version>-<digest>"; If-Match needs only the version part.
        headers: version == null ? {} : { 'If-Match': `"v${version}"` },
        contentType: 'application/merge-patch+json',
      }),
    onSuccess: () => {
      void invalidateEvent(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: eventKeys.list });
    },
  });
}

export function useEventStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: string) => apiSend('POST', `/events/${enc(id)}/status`, { status }, eventSchema),
    onSuccess: () => {
      void invalidateEvent(queryClient, id);
      void queryClient.invalidateQueries({ queryKey: eventKeys.list });
    },
  });
}

// ---------------------------------------------------------------- participants

const participantList = listOf(participantSchema);

export function useParticipants(id: string, kind: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'participants', kind),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/participants${toQueryString({ kind })}`, participantList, { signal }),
    enabled,
  });
}

export function useMe(id: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'me'),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/me`, participantList, { signal }),
    enabled,
  });
}

function useEventMutation<V, R>(id: string, request: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => invalidateEvent(queryClient, id) });
}

export function useAddParticipant(id: string) {
  return useEventMutation(id, (body: Record<string, unknown>) => apiSend('POST', `/events/${enc(id)}/participants`, body, participantSchema));
}

export function usePatchParticipant(id: string) {
  return useEventMutation(id, ({ participant, body }: { participant: string; body: Record<string, unknown> }) =>
    apiSend('PATCH', `/events/${enc(id)}/participants/${enc(participant)}`, body, participantSchema, {
      contentType: 'application/merge-patch+json',
    }),
  );
}

export function useCheckIn(id: string) {
  return useEventMutation(id, (participant: string) =>
    apiSend('POST', `/events/${enc(id)}/participants/${enc(participant)}/check-in`, {}, participantSchema),
  );
}

export interface RegistrationBody {
  name?: string;
  job_title?: string;
  supplier?: number | string;
  delegates?: number;
  delegation?: string[];
  pitch?: string;
  codes?: string[];
  availability?: AvailabilityWindow[];
  interpreter_group?: string;
  focus?: string;
  auto_accept?: string;
}

export function useRegister(id: string) {
  return useEventMutation(id, (body: RegistrationBody) => apiSend('POST', `/events/${enc(id)}/registrations`, body, participantSchema));
}

// ---------------------------------------------------------------- requests

const requestList = listOf(requestSchema);

export function useRequests(id: string, status = '', enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'requests', status),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/requests${toQueryString({ status })}`, requestList, { signal }),
    enabled,
  });
}

export function useSuggestions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: eventKeys.of(id, 'suggestions'),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/suggestions`, listOf(suggestionSchema), { signal }),
    enabled,
  });
}

export function useCreateRequest(id: string) {
  return useEventMutation(
    id,
    (body: { supplier: string; target: { type: 'agency' | 'officer'; id: string }; priority: number; reason: string }) =>
      apiSend(
        'POST',
        `/events/${enc(id)}/requests`,
        { ...body, supplier: wireId(body.supplier), target: { type: body.target.type, id: wireId(body.target.id) } },
        requestSchema,
      ),
  );
}

export function useDecide(id: string) {
  return useEventMutation(id, ({ request, decision }: { request: string; decision: 'accept' | 'decline' }) =>
    apiSend('POST', `/events/${enc(id)}/requests/${enc(request)}/decision`, { decision }, requestSchema),
  );
}

export function useCancelRequest(id: string) {
  return useEventMutation(id, (request: string) => apiSend('POST', `/events/${enc(id)}/requests/${enc(request)}/cancel`, {}, requestSchema));
}

// ---------------------------------------------------------------- scheduling

export function useRuns(id: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'runs'),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/schedule-runs`, listOf(runSchema), { signal }),
    enabled,
  });
}

// A running run is polled twice a second until it is done or failed (the progress bar).
export function useRun(id: string, run: string | undefined) {
  return useQuery({
    queryKey: eventKeys.of(id, 'run', run ?? ''),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/schedule-runs/${enc(run ?? '')}`, runSchema, { signal }),
    enabled: !!run,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
    staleTime: 0,
  });
}

export function useStartRun(id: string) {
  return useEventMutation(id, (body: { mode: string; time_limit_seconds: number; seed?: number }) =>
    apiSend('POST', `/events/${enc(id)}/schedule-runs`, body, runSchema),
  );
}

export function usePublishRun(id: string) {
  return useEventMutation(id, (run: string) =>
    apiSend('POST', `/events/${enc(id)}/schedule-runs/${enc(run)}/publish`, {}, z.unknown()),
  );
}

export function useMeetings(id: string, participant?: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'meetings', participant ?? ''),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/meetings${toQueryString({ participant })}`, listOf(meetingSchema), { signal }),
    enabled,
  });
}

export function usePins(id: string, enabled = true) {
  return useQuery({
    queryKey: eventKeys.of(id, 'pins'),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/pins`, listOf(pinSchema), { signal }),
    enabled,
    retry: false,
  });
}

export function useSetPin(id: string) {
  return useEventMutation(id, (pin: { request: string; officer: string; slot: number }) =>
    apiSend('POST', `/events/${enc(id)}/pins`, { request: wireId(pin.request), officer: wireId(pin.officer), slot: pin.slot }),
  );
}

export function useDeletePin(id: string) {
  return useEventMutation(id, (request: string) => apiSend('DELETE', `/events/${enc(id)}/pins/${enc(request)}`));
}

export function useRecordOutcome(id: string) {
  return useEventMutation(id, ({ meeting, outcome, note }: { meeting: string; outcome: string; note: string }) =>
    apiSend('PUT', `/events/${enc(id)}/meetings/${enc(meeting)}/outcome`, { outcome, note }, meetingSchema),
  );
}

export function useTablePlan(id: string) {
  return useQuery({
    queryKey: eventKeys.of(id, 'table-plan'),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/table-plan`, tablePlanSchema, { signal }),
  });
}

// ---------------------------------------------------------------- agendas

export function useAgenda(id: string, participant: string | undefined) {
  return useQuery({
    queryKey: eventKeys.of(id, 'agenda', participant ?? ''),
    queryFn: ({ signal }) => apiGet(`/events/${enc(id)}/agenda${toQueryString({ participant })}`, agendaSchema, { signal }),
    enabled: !!participant,
  });
}

export function agendaIcsUrl(id: string, participant: string): string {
  return `${API_BASE}/events/${enc(id)}/agenda.ics${toQueryString({ participant })}`;
}

export type { TbEvent };
