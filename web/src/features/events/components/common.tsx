import { useTranslation } from 'react-i18next';
import { hasRole, type Role, type Session, supplierMemberships, useSession } from '@/lib/auth';

// What the signed-in user can be in an event: centre staff run it, officers and suppliers
// take part. The server decides on every request; this only picks the screens to show.
export function useEventRoles() {
  const session = useSession();
  const data: Session | undefined = session.data;
  const is = (roles: readonly Role[]) => hasRole(data, roles);
  return {
    session,
    signedIn: !!data?.user,
    staff: is(['centre_staff']),
    officer: is(['agency_officer']),
    supplier: supplierMemberships(data).length > 0,
    companies: supplierMemberships(data),
  };
}

export function EventStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone =
    status === 'cancelled' ? 'badge--danger' : status === 'draft' ? 'badge--warning' : status === 'open' ? 'badge--ok' : 'badge--status';
  return (
    <span className={`badge ${tone}`} data-testid="event-status">
      {t(`events.status.${status}`, { defaultValue: status })}
    </span>
  );
}

export function CodeList({ codes, label }: { codes: readonly string[]; label: string }) {
  if (codes.length === 0) return null;
  return (
    <ul className="ev-codes" aria-label={label}>
      {codes.map((code) => (
        <li key={code} className="ev-code mono" dir="ltr">
          {code}
        </li>
      ))}
    </ul>
  );
}

// "43211503, 43211507" -> ["43211503", "43211507"]: codes typed into one field.
export function parseCodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((code) => code.trim()).filter((code) => code !== ''))];
}

// One name a line.
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

// A percentage as the server sends it (99.8 for 99.8 %), in the conventions of `language`.
export function Percent({ value, language }: { value: number | null | undefined; language: string }) {
  if (value == null || Number.isNaN(value)) return <span>–</span>;
  return <span>{new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100)}</span>;
}
