import { useId, type ReactNode } from 'react';
import './Fields.css';

// Labelled form controls for the console's forms: each is a real input inside its label, so screen readers and
// tests find it by its label text.

export function TextField({ label, value, onChange, type = 'text', disabled, required, autoComplete, hint }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'email' | 'url';
  disabled?: boolean;
  required?: boolean;
  autoComplete?: string;
  hint?: ReactNode;
}) {
  const hintId = useId();
  return (
    <Hinted id={hintId} hint={hint}>
      <label>
        {label}
        <input
          type={type}
          value={value}
          disabled={disabled}
          required={required}
          autoComplete={autoComplete}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
    </Hinted>
  );
}

/** A whole number; an empty box is 0. The controller checks the range and says what it allows. */
export function NumberField({ label, value, onChange, min, max, disabled, hint }: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  min?: number;
  max?: number;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  const hintId = useId();
  return (
    <Hinted id={hintId} hint={hint}>
      <label className="field-number">
        {label}
        <input
          aria-describedby={hint ? hintId : undefined}
          type="number"
          inputMode="numeric"
          value={Number.isFinite(value) ? value : ''}
          min={min}
          max={max}
          step={1}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)))}
        />
      </label>
    </Hinted>
  );
}

/** A field with a hint below it, which its input names as its description. */
function Hinted({ id, hint, children }: { id: string; hint?: ReactNode; children: ReactNode }) {
  if (!hint) return <>{children}</>;
  return (
    <div className="field-hinted">
      {children}
      <small id={id} className="muted">
        {hint}
      </small>
    </div>
  );
}

export function CheckField({ label, checked, onChange, disabled }: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function SelectField<V extends string | number>({ label, value, options, onChange, disabled }: {
  label: string;
  value: V;
  options: readonly { value: V; title?: string }[];
  onChange: (value: V) => void;
  disabled?: boolean;
}) {
  return (
    <label>
      {label}
      <select
        value={String(value)}
        disabled={disabled}
        onChange={(e) => {
          const picked = options.find((o) => String(o.value) === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.title ?? String(o.value)}
          </option>
        ))}
      </select>
    </label>
  );
}
