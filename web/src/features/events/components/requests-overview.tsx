import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { type TbEvent, useParticipants, useRequests } from '../api/events';
import { nameIndex } from './names';

export const REQUEST_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;

type Counts = Record<(typeof REQUEST_STATUSES)[number], number>;
const zero = (): Counts => ({ pending: 0, accepted: 0, declined: 0, cancelled: 0 });

// Counts of requests by status, in total and per key (supplier or agency), sorted by the
// most requests first.
export function countBy<T>(items: readonly T[], key: (item: T) => string, status: (item: T) => string) {
  const total = zero();
  const per = new Map<string, Counts>();
  for (const item of items) {
    const s = status(item) as keyof Counts;
    if (!(s in total)) continue;
    total[s] += 1;
    const k = key(item);
    const row = per.get(k) ?? zero();
    row[s] += 1;
    per.set(k, row);
  }
  const rows = [...per.entries()].sort(
    (a, b) => REQUEST_STATUSES.reduce((n, s) => n + b[1][s], 0) - REQUEST_STATUSES.reduce((n, s) => n + a[1][s], 0) || a[0].localeCompare(b[0]),
  );
  return { total, rows };
}

function CountTable({ caption, rows, testId }: { caption: string; rows: [string, Counts][]; testId: string }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('events.requests.who')}</th>
            {REQUEST_STATUSES.map((s) => (
              <th key={s} scope="col" className="ev-num">
                {t(`events.requestStatus.${s}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, counts]) => (
            <tr key={name}>
              <th scope="row" dir="auto">
                {name}
              </th>
              {REQUEST_STATUSES.map((s) => (
                <td key={s} className="ev-num">
                  {counts[s]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Staff: how many meetings are wanted, by status, per supplier and per agency.
export function RequestsOverview({ event }: { event: TbEvent }) {
  const { t } = useTranslation();
  const requests = useRequests(event.id);
  const participants = useParticipants(event.id, '');
  if (requests.isPending || participants.isPending) return <Loading />;
  if (requests.isError) return <ErrorMessage error={requests.error} onRetry={() => void requests.refetch()} />;
  const names = nameIndex(event, participants.data ?? []);
  const bySupplier = countBy(requests.data, (r) => names.label(r.supplier), (r) => r.status);
  const byAgency = countBy(requests.data, (r) => names.agencyOf(r), (r) => r.status);
  return (
    <section className="stack" aria-labelledby="ev-requests-title" data-testid="requests-overview">
      <h2 id="ev-requests-title">{t('events.requests.overview')}</h2>
      <dl className="ev-stats">
        {REQUEST_STATUSES.map((s) => (
          <div key={s} className="ev-stat" data-testid={`count-${s}`}>
            <dt>{t(`events.requestStatus.${s}`)}</dt>
            <dd>{bySupplier.total[s]}</dd>
          </div>
        ))}
      </dl>
      <CountTable caption={t('events.requests.perSupplier')} rows={bySupplier.rows} testId="per-supplier" />
      <CountTable caption={t('events.requests.perAgency')} rows={byAgency.rows} testId="per-agency" />
    </section>
  );
}
