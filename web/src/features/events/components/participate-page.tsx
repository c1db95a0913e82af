import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/errors/error-message';
import { Loading } from '@/components/ui/loading';
import { useEvent, useMe } from '../api/events';
import { EventStatusBadge, useEventRoles } from './common';
import { OfficerWorkspace } from './officer-workspace';
import { OfficerRegistration, SupplierRegistration } from './register-forms';
import { SupplierWorkspace } from './supplier-workspace';

// /events/:id/participate: registration, then the supplier's or the officer's workspace.
export function ParticipatePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const event = useEvent(id);
  const roles = useEventRoles();
  const me = useMe(id);
  if (event.isPending || me.isPending) return <Loading />;
  if (event.isError) return <ErrorMessage error={event.error} onRetry={() => void event.refetch()} />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  const ev = event.data;
  const mine = me.data.filter((p) => p.status !== 'cancelled');
  const supplier = mine.find((p) => p.kind === 'supplier');
  const officer = mine.find((p) => p.kind === 'officer');
  const refresh = () => void me.refetch();
  return (
    <div className="page stack ev-page" data-testid="participate-page">
      <header className="page__header">
        <p className="ev-breadcrumb">
          <Link to={`/events/${encodeURIComponent(id)}`} dir="auto">
            {ev.name}
          </Link>
        </p>
        <h1 className="page__title">{t('events.participate.title')}</h1>
        <p className="page__lead">
          <EventStatusBadge status={ev.status} />{' '}
          {supplier ? t('events.participate.registeredAs', { name: supplier.organisation_name || supplier.name }) : null}
          {officer ? t('events.participate.registeredAs', { name: `${officer.name} (${officer.organisation_name})` }) : null}
        </p>
      </header>
      {supplier ? <SupplierWorkspace event={ev} me={supplier} /> : null}
      {officer ? <OfficerWorkspace event={ev} me={officer} /> : null}
      {!supplier && !officer ? (
        ev.status !== 'open' ? (
          <p className="alert alert--warning">{t('events.page.registrationClosed')}</p>
        ) : roles.supplier ? (
          <SupplierRegistration event={ev} onDone={refresh} />
        ) : roles.officer ? (
          <OfficerRegistration event={ev} onDone={refresh} />
        ) : (
          <p className="alert alert--warning">{t('events.participate.noRole')}</p>
        )
      ) : null}
    </div>
  );
}
