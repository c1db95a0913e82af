import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '@/testing/render';
import { explanationSchema } from '../api/schemas';
import { ExplanationChips } from '../components/explanation-chips';
import { EXPLANATION, withoutIsolates } from './fixtures';

const chipTexts = () => screen.getAllByTestId('why-chip').map((chip) => withoutIsolates(chip.textContent));

describe('explanation chips', () => {
  it('say why a notice matched a supplier, one chip per reason', () => {
    renderWithApp(<ExplanationChips explanation={explanationSchema.parse(EXPLANATION)} agency="UNDP" />);
    expect(chipTexts()).toEqual([
      'Matches your code 26111600 Solar cells and panels',
      'Similar words: solar, panels',
      'Registered with UNDP',
      'SME target',
      'Open to your country',
    ]);
    expect(screen.getByRole('list', { name: 'Why you see this' })).toBeInTheDocument();
  });

  it('names a related code, a predicted code and past bids', () => {
    const explanation = explanationSchema.parse({
      codes: [{ notice_code: '26111601', supplier_code: '26111600', title: 'Solar panels', similarity: 0.8, predicted: true }],
      shared_terms: [],
      country_eligible: false,
      registered_with_agency: false,
      targeted: false,
      history_in_family: 3,
    });
    renderWithApp(<ExplanationChips explanation={explanation} />);
    const [code, history] = screen.getAllByTestId('why-chip');
    expect(withoutIsolates(code!.textContent)).toBe('Close to your code 26111600: 26111601 Solar panelspredicted');
    expect(within(code!).getByText('predicted')).toBeInTheDocument();
    expect(code).toHaveAttribute('title', 'Code predicted from the notice text');
    expect(history).toHaveTextContent('Past bids or awards in this family: 3');
    expect(screen.getAllByTestId('why-chip')).toHaveLength(2);
  });

  it('speaks about the supplier to an officer', () => {
    renderWithApp(<ExplanationChips explanation={explanationSchema.parse(EXPLANATION)} agency="UNDP" audience="officer" />);
    expect(chipTexts()[0]).toBe('Supplies 26111600 Solar cells and panels');
    expect(chipTexts()).toContain('Eligible country');
  });

  it('prefers the catalogue title in the UI language, and lists words the Arabic way', () => {
    const titles = new Map([['26111600', { code: '26111600', level: 'class', titles: { en: 'Solar cells and panels', fr: 'Cellules et panneaux solaires' } }]]);
    renderWithApp(<ExplanationChips explanation={explanationSchema.parse(EXPLANATION)} agency="PNUD" titles={titles} />, { language: 'fr' });
    expect(chipTexts()[0]).toBe('Correspond à votre code 26111600 Cellules et panneaux solaires');
    expect(chipTexts()[2]).toBe('Inscrit auprès de PNUD');
  });

  it('renders Arabic chips', () => {
    renderWithApp(<ExplanationChips explanation={explanationSchema.parse(EXPLANATION)} agency="UNDP" />, { language: 'ar' });
    expect(chipTexts()[0]).toBe('يطابق رمزك 26111600 Solar cells and panels');
    expect(chipTexts()[1]).toBe('كلمات مشتركة: solar، panels');
    // Each Latin word is isolated, so the Arabic sentence keeps its order around it.
    expect(screen.getAllByTestId('why-chip')[1]!.textContent).toBe('كلمات مشتركة: \u2068solar\u2069، \u2068panels\u2069');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('shows nothing without an explanation', () => {
    const { container } = renderWithApp(<ExplanationChips explanation={undefined} />);
    expect(container.querySelector('.alert-why')).toBeNull();
  });
});
