import type { MeetingRequest, Participant, TbEvent } from '../api/schemas';

// Names for ids: participants by id, agencies by organisation id.
export function nameIndex(event: TbEvent, participants: readonly Participant[]) {
  const people = new Map(participants.map((p) => [p.id, p]));
  const agencies = new Map(event.agencies.map((a) => [a.organisation, a.name]));
  const person = (id: string | undefined) => (id ? people.get(id) : undefined);
  return {
    person,
    personName: (id: string | undefined) => {
      const p = person(id);
      return p ? p.name || p.organisation_name : (id ?? '');
    },
    // "Zephyrine Solar" for a supplier, "Lena Officer (UNDP)" for an officer.
    label: (id: string | undefined) => {
      const p = person(id);
      if (!p) return id ?? '';
      if (p.kind === 'supplier') return p.organisation_name || p.name;
      return p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name;
    },
    target: (request: MeetingRequest) => {
      if (request.target_name) return request.target_name;
      if (request.target.type === 'agency') return agencies.get(request.target.id) ?? request.target.id;
      const p = person(request.target.id);
      return p ? (p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name) : request.target.id;
    },
    agencyOf: (request: MeetingRequest) => {
      if (request.target.type === 'agency') return agencies.get(request.target.id) ?? request.target.id;
      const p = person(request.target.id);
      return p?.organisation_name || (p?.organisation ? (agencies.get(p.organisation) ?? p.organisation) : request.target.id);
    },
  };
}
