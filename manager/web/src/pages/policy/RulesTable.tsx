import { useCallback, type ReactNode } from 'react';
import { fetchPage, type PageRequest } from '../../api/listQuery';
import type { Column } from '../../components/DataTable';
import { useApi } from '../../session';
import { OrderedTable } from './OrderedTable';
import type { Move } from './reorder';
import { EditDeleteButtons, type RuleEditing } from './ruleEditing';

/**
 * Rules kept in first-match order at path (GET lists them as "rules", PATCH moves one): paged by the controller,
 * reordered, and each opened, edited or deleted from its row by a user who may write.
 */
export function RulesTable<R extends { id: number }>({ path, label, noun, columns, canWrite, rules, addLabel, formReady = true, empty }: {
  path: string;
  label: string;
  /** Names one rule in button labels: "Edit rule 3". */
  noun: string;
  columns: Column<R>[];
  canWrite: boolean;
  rules: RuleEditing<R>;
  addLabel: string;
  /** Whether what the form needs (the controller's options) has come. */
  formReady?: boolean;
  empty: ReactNode;
}) {
  const api = useApi();
  const fetch = useCallback((page: PageRequest) => fetchPage<R>(api, path, 'rules', page), [api, path]);
  const move = useCallback((m: Move) => api.patch(path, { move: { id: m.id, after: m.after } }), [api, path]);
  const rowId = useCallback((r: R) => r.id, []);
  return (
    <OrderedTable
      label={label}
      noun={noun}
      columns={columns}
      fetchPage={fetch}
      rowId={rowId}
      reorder={canWrite ? move : undefined}
      reloadKey={rules.reloadKey}
      onRowActivate={canWrite ? rules.edit : undefined}
      empty={empty}
      toolbar={
        canWrite && (
          <button type="button" className="primary" disabled={!formReady} onClick={() => rules.edit('new')}>
            {addLabel}
          </button>
        )
      }
      rowActions={canWrite ? (r) => <EditDeleteButtons name={`${noun} ${r.id}`} editDisabled={!formReady} onEdit={() => rules.edit(r)} onDelete={() => rules.remove(r)} /> : undefined}
    />
  );
}
