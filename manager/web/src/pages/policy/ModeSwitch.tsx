import type { PolicyMode } from '../../components/Badges';
import { MODES } from './modes';

/** Discover / Monitor / Protect as three toggle buttons; the current one pressed. */
export function ModeSwitch({ label, mode, onChange, disabled }: { label: string; mode?: string; onChange: (mode: PolicyMode) => void; disabled?: boolean }) {
  return (
    <span className="mode-switch" role="group" aria-label={label}>
      {MODES.map((m) => (
        <button key={m} type="button" aria-pressed={mode === m} disabled={disabled} onClick={() => mode !== m && onChange(m)}>
          {m}
        </button>
      ))}
    </span>
  );
}
