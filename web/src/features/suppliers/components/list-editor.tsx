import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/forms/field';
import { formatNumber } from '@/lib/format';

export interface ListField<T> {
  name: keyof T & string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'number' | 'url';
  wide?: boolean;
  dir?: 'auto' | 'ltr';
}

interface Props<T> {
  name: string; // the profile field, for error paths ("contacts.0.email")
  items: T[];
  fields: ListField<T>[];
  empty: T;
  itemLabel: (index: number) => string;
  addLabel: string;
  removeLabel: (index: number) => string;
  emptyText: string;
  onChange: (items: T[]) => void;
  errorFor: (path: string) => string | undefined;
  readOnly: boolean;
}

// Repeated groups of fields (contacts, certificates, references): one
// fieldset per item with a remove button, and an add button below.
export function ListEditor<T extends object>({
  name,
  items,
  fields,
  empty,
  itemLabel,
  addLabel,
  removeLabel,
  emptyText,
  onChange,
  errorFor,
  readOnly,
}: Props<T>) {
  const { t, i18n } = useTranslation();
  const listError = errorFor(name);
  return (
    <div className="list-editor">
      {listError ? <p className="field__error">{listError}</p> : null}
      {items.length === 0 ? <p className="muted">{emptyText}</p> : null}
      {items.map((item, index) => (
        <fieldset key={index} className="list-editor__item">
          <legend className="form__legend">{itemLabel(index)}</legend>
          <div className="form__row">
            {fields.map((field) => {
              const value = item[field.name];
              return (
                <TextField
                  key={field.name}
                  className={field.wide ? 'field--wide' : undefined}
                  label={field.label}
                  type={field.type ?? 'text'}
                  dir={field.dir}
                  value={value === null || value === undefined ? '' : String(value)}
                  error={errorFor(`${name}.${index}.${field.name}`)}
                  onChange={(e) => {
                    const raw = e.target.value;
                    const next =
                      field.type === 'number' ? (raw.trim() === '' || Number.isNaN(Number(raw)) ? null : Number(raw)) : raw;
                    onChange(items.map((other, i) => (i === index ? { ...other, [field.name]: next } : other)));
                  }}
                />
              );
            })}
          </div>
          {readOnly ? null : (
            <button
              type="button"
              className="button button--secondary button--danger"
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              {removeLabel(index)}
            </button>
          )}
        </fieldset>
      ))}
      {readOnly ? null : (
        <button type="button" className="button button--secondary" onClick={() => onChange([...items, { ...empty }])}>
          {addLabel}
        </button>
      )}
      <p className="visually-hidden" aria-live="polite">
        {t('supplier.itemCount', { formatted: formatNumber(items.length, i18n.language) })}
      </p>
    </div>
  );
}
