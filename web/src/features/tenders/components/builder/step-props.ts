import type { TenderDraft } from '../../model/draft';

export interface StepProps {
  draft: TenderDraft;
  update: <K extends keyof TenderDraft>(field: K, value: TenderDraft[K]) => void;
  // The message for a field path ("items.0.unspsc"): the server's refusal first, else the
  // builder's own check once the officer has tried to publish.
  errorFor: (path: string) => string | undefined;
  readOnly: boolean;
}
