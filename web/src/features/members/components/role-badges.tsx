import { useTranslation } from 'react-i18next';

// Roles as short labels in the UI language.
export function RoleBadges({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <span className="muted">{t('members.noRoles')}</span>;
  return (
    <ul className="members-roles">
      {roles.map((role) => (
        <li key={role} className="badge">
          {t(`members.roles.${role}`, { defaultValue: role })}
        </li>
      ))}
    </ul>
  );
}
