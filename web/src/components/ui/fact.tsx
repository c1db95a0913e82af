import type { ReactNode } from 'react';

// A label and value in a <dl>; rows with no value are left out rather than shown empty.
export function Fact({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  if (children === undefined || children === null || children === '' || children === false) return null;
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}
