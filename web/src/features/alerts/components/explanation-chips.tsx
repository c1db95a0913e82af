import { useTranslation } from 'react-i18next';
import { type UnspscEntry, unspscTitle } from '@/lib/unspsc';
import type { Explanation } from '../api/schemas';

export type Audience = 'supplier' | 'officer';

export interface ExplanationChipsProps {
  explanation: Explanation | undefined;
  // The notice's agency, named in "Registered with UNDP".
  agency?: string;
  // A supplier reads "your code"; an officer reads about the supplier's code.
  audience?: Audience;
  // Code titles in the UI language, looked up once for the whole page; without one the
  // server's (English) title shows.
  titles?: ReadonlyMap<string, UnspscEntry>;
}

// Why a notice was sent (or a supplier suggested), one short chip per reason, in the order
// the ranker weighs them: codes, words, agency registration, targeting, history, country.
export function ExplanationChips({ explanation, agency, audience = 'supplier', titles }: ExplanationChipsProps) {
  const { t, i18n } = useTranslation();
  if (!explanation) return null;
  const lang = i18n.language;
  const chips: Array<{ key: string; text: string; hint?: string }> = [];
  const officer = audience === 'officer';

  for (const match of explanation.codes) {
    const title = isolate(unspscTitle(titles?.get(match.notice_code), lang) ?? match.title ?? '');
    const code = isolate(match.notice_code);
    const own = isolate(match.supplier_code ?? '');
    const exact = !match.supplier_code || match.supplier_code === match.notice_code;
    const text = exact
      ? officer
        ? t('alerts.whyOfficer.code', { code, title })
        : t('alerts.why.code', { code, title })
      : officer
        ? t('alerts.whyOfficer.codeNear', { code, title, own })
        : t('alerts.why.codeNear', { code, title, own });
    chips.push({
      key: `code-${match.notice_code}-${match.supplier_code ?? ''}`,
      text: text.trim(),
      hint: match.predicted ? t('alerts.why.predicted') : undefined,
    });
  }
  if (explanation.shared_terms.length > 0) {
    chips.push({ key: 'terms', text: t('alerts.why.terms', { terms: listOf(explanation.shared_terms, lang) }) });
  }
  if (explanation.registered_with_agency) {
    chips.push({
      key: 'registered',
      text: agency
        ? officer
          ? t('alerts.whyOfficer.registered', { agency: isolate(agency) })
          : t('alerts.why.registered', { agency: isolate(agency) })
        : officer
          ? t('alerts.whyOfficer.registeredAny')
          : t('alerts.why.registeredAny'),
    });
  }
  if (explanation.targeted) chips.push({ key: 'targeted', text: t('alerts.why.targeted'), hint: t('alerts.why.targetedHint') });
  if (explanation.history_in_family > 0) {
    const n = explanation.history_in_family;
    chips.push({ key: 'history', text: officer ? t('alerts.whyOfficer.history', { n }) : t('alerts.why.history', { n }) });
  }
  if (explanation.country_eligible === true) {
    chips.push({ key: 'country', text: officer ? t('alerts.whyOfficer.country') : t('alerts.why.country') });
  }
  if (chips.length === 0) return null;

  return (
    <ul className="chips alert-why" aria-label={t('alerts.why.label')}>
      {chips.map((chip) => (
        <li key={chip.key} className="chip alert-why__chip" title={chip.hint} data-testid="why-chip">
          <span dir="auto">{chip.text}</span>
          {chip.hint && chip.key.startsWith('code-') ? <span className="alert-why__predicted">{t('alerts.why.predictedShort')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

// "solar, panels" / "solar، panels" / "solar、panels": words, not a sentence, so the
// language's list separator without a conjunction (Intl's lists add "and", "و").
const LIST_SEPARATORS: Record<string, string> = { ar: '، ', zh: '、' };

function listOf(items: readonly string[], language: string): string {
  return items.map(isolate).join(LIST_SEPARATORS[language] ?? ', ');
}

// Codes, catalogue titles, words and agency names keep their own direction inside a
// sentence of the other direction (an English title in an Arabic chip), as Unicode
// first-strong isolates: "يطابق رمزك 26111600 Solar cells" does not come out reordered.
export function isolate(text: string): string {
  return text ? `\u2068${text}\u2069` : text;
}
