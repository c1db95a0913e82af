import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '@/components/forms/field';
import { UnspscPicker } from '@/components/unspsc-picker';
import type { Item, Lot } from '../../api/schemas';
import { newItem, newLot } from '../../model/draft';
import type { StepProps } from './step-props';

// Lots are optional; items are what is bought, each with its UNSPSC code (found with the
// shared catalogue look-up, GET /api/v1/unspsc) and a quantity.
export function ItemsStep({ draft, update, errorFor, readOnly }: StepProps) {
  const { t } = useTranslation();
  const setLot = (index: number, change: Partial<Lot>) =>
    update(
      'lots',
      draft.lots.map((lot, i) => (i === index ? { ...lot, ...change } : lot)),
    );
  const removeLot = (index: number) => {
    const removed = draft.lots[index]?.id;
    update(
      'lots',
      draft.lots.filter((_, i) => i !== index),
    );
    // Items of a removed lot go to the first remaining one (or to none).
    const fallback = draft.lots.find((_, i) => i !== index)?.id ?? '';
    if (draft.items.some((item) => item.lot_id === removed)) {
      update(
        'items',
        draft.items.map((item) => (item.lot_id === removed ? { ...item, lot_id: fallback } : item)),
      );
    }
  };
  const setItem = (index: number, change: Partial<Item>) =>
    update(
      'items',
      draft.items.map((item, i) => (i === index ? { ...item, ...change } : item)),
    );

  return (
    <>
      <fieldset className="form__group">
        <legend className="form__legend">{t('tenders.items.lotsTitle')}</legend>
        <p className="field__hint">{t('tenders.items.lotsHint')}</p>
        {draft.lots.map((lot, i) => (
          <fieldset key={i} className="list-editor__item" data-testid={`lot-${i}`}>
            <legend className="form__legend">{t('tenders.items.lotN', { n: i + 1 })}</legend>
            <div className="form__row">
              <TextField
                label={t('tenders.items.lotTitle')}
                value={lot.title}
                dir="auto"
                onChange={(e) => setLot(i, { title: e.target.value })}
                error={errorFor(`lots.${i}.title`) ?? errorFor(`lots.${i}.id`)}
                data-testid={`lot-${i}-title`}
              />
              <TextField
                label={t('tenders.fields.estimatedValue')}
                inputMode="decimal"
                dir="ltr"
                value={lot.estimated_value}
                onChange={(e) => setLot(i, { estimated_value: e.target.value })}
                error={errorFor(`lots.${i}.estimated_value`)}
              />
            </div>
            {readOnly ? null : (
              <button type="button" className="button button--secondary button--danger button--small" onClick={() => removeLot(i)}>
                {t('tenders.items.removeLot', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {readOnly ? null : (
          <button type="button" className="button button--secondary" onClick={() => update('lots', [...draft.lots, newLot(draft.lots)])} data-testid="add-lot">
            {t('tenders.items.addLot')}
          </button>
        )}
      </fieldset>

      <fieldset className="form__group">
        <legend className="form__legend">{t('tenders.items.itemsTitle')}</legend>
        {errorFor('items') ? <p className="field__error">{errorFor('items')}</p> : null}
        {draft.items.length === 0 ? <p className="muted">{t('tenders.items.none')}</p> : null}
        {draft.items.map((item, i) => (
          <fieldset key={i} className="list-editor__item" data-testid={`item-${i}`}>
            <legend className="form__legend">{t('tenders.items.itemN', { n: i + 1 })}</legend>
            <TextField
              label={t('tenders.items.description')}
              value={item.description}
              dir="auto"
              onChange={(e) => setItem(i, { description: e.target.value })}
              error={errorFor(`items.${i}.description`) ?? errorFor(`items.${i}.id`)}
              data-testid={`item-${i}-description`}
            />
            <UnspscPicker
              label={t('tenders.items.unspsc')}
              hint={t('tenders.items.unspscHint')}
              error={errorFor(`items.${i}.unspsc`)}
              selected={item.unspsc ? [item.unspsc] : []}
              onAdd={(code) => setItem(i, { unspsc: code })}
              onRemove={() => setItem(i, { unspsc: '' })}
              disabled={readOnly}
            />
            <div className="form__row">
              <TextField
                label={t('tenders.items.quantity')}
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                value={Number.isFinite(item.quantity) ? item.quantity : ''}
                onChange={(e) => setItem(i, { quantity: e.target.value === '' ? 0 : Number(e.target.value) })}
                error={errorFor(`items.${i}.quantity`)}
                data-testid={`item-${i}-quantity`}
              />
              <TextField
                label={t('tenders.items.unit')}
                hint={t('tenders.items.unitHint')}
                value={item.unit}
                dir="auto"
                onChange={(e) => setItem(i, { unit: e.target.value })}
                error={errorFor(`items.${i}.unit`)}
                data-testid={`item-${i}-unit`}
              />
              {draft.lots.length > 0 ? (
                <SelectField
                  label={t('tenders.items.lot')}
                  value={item.lot_id}
                  onChange={(e) => setItem(i, { lot_id: e.target.value })}
                  error={errorFor(`items.${i}.lot_id`)}
                >
                  <option value="">{t('tenders.common.choose')}</option>
                  {draft.lots.map((lot, n) => (
                    <option key={lot.id} value={lot.id}>
                      {lot.title ? `${t('tenders.items.lotN', { n: n + 1 })} · ${lot.title}` : t('tenders.items.lotN', { n: n + 1 })}
                    </option>
                  ))}
                </SelectField>
              ) : null}
            </div>
            {readOnly ? null : (
              <button
                type="button"
                className="button button--secondary button--danger button--small"
                onClick={() =>
                  update(
                    'items',
                    draft.items.filter((_, n) => n !== i),
                  )
                }
              >
                {t('tenders.items.removeItem', { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        {readOnly ? null : (
          <button type="button" className="button button--secondary" onClick={() => update('items', [...draft.items, newItem(draft.items, draft.lots)])} data-testid="add-item">
            {t('tenders.items.addItem')}
          </button>
        )}
      </fieldset>
    </>
  );
}
