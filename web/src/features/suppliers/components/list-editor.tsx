import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { formatNumber } from '@/lib/format';

export interface ListField<T> {
  name: keyof T & string;
  label: string;
  type?: 'text' | 'email' | 'tel' | 'date' | 'number' | 'url' | 'select';
  // For type "select": the choices, after an empty "choose" option.
  options?: readonly { value: string; label: string }[];
  wide?: boolean;
  dir?: 'auto' | 'ltr';
  min?: number;
  max?: number;
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

const numberOrNull = (raw: string) => (raw.trim() === '' || Number.isNaN(Number(raw)) ? null : Number(raw));

// Repeated groups of fields (numbers, contacts, certificates, references,
// owners): one fieldset per item with a remove button, and an add button below.
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
  const change = (index: number, field: ListField<T>, raw: string) => {
    const next = field.type === 'number' ? numberOrNull(raw) : raw;
    onChange(items.map((other, i) => (i === index ? { ...other, [field.name]: next } : other)));
  };
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
              const shown = value === null || value === undefined ? '' : String(value);
              const error = errorFor(`${name}.${index}.${field.name}`);
              const className = field.wide ? 'field--wide' : undefined;
              if (field.type === 'select') {
                return (
                  <SelectField
                    key={field.name}
                    className={className}
                    label={field.label}
                    value={shown}
                    error={error}
                    onChange={(e) => change(index, field, e.target.value)}
                  >
                    <option value="">{t('common.choose')}</option>
                    {(field.options ?? []).map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    ))}
                  </SelectField>
                );
              }
              return (
                <TextField
                  key={field.name}
                  className={className}
                  label={field.label}
                  type={field.type ?? 'text'}
                  inputMode={field.type === 'number' ? 'numeric' : undefined}
                  min={field.min}
                  max={field.max}
                  dir={field.dir}
                  value={shown}
                  error={error}
                  onChange={(e) => change(index, field, e.target.value)}
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
