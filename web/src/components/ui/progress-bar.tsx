// A labelled progress bar; `value` from 0 to 1. The native element carries the
// role and value for assistive technology; the text shows the percentage.
export function ProgressBar({ label, value, percentText }: { label: string; value: number; percentText: string }) {
  const clamped = Math.min(1, Math.max(0, value));
  return (
    <div className="progress">
      <progress className="progress__bar" max={100} value={Math.round(clamped * 100)} aria-label={label} />
      <span className="progress__text" aria-hidden="true">
        {percentText}
      </span>
    </div>
  );
}
