import { useState } from 'react';
import { RowButton } from './bits';

export type RuleEditing<R> = ReturnType<typeof useRuleEditing<R>>;

/**
 * What a rules page keeps while rules are added, changed and deleted: the rule in the form ('new' for an added
 * one), the rule being deleted, and the table's reload key, bumped when either dialog closes having changed a rule.
 */
export function useRuleEditing<R>() {
  const [reloadKey, setReloadKey] = useState(0);
  const [editing, setEditing] = useState<R | 'new'>();
  const [deleting, setDeleting] = useState<R>();
  const reloadIf = (changed: boolean) => changed && setReloadKey((k) => k + 1);
  return {
    reloadKey,
    editing,
    deleting,
    edit: (rule: R | 'new') => setEditing(rule),
    remove: (rule: R) => setDeleting(rule),
    /** The rule in the form, or undefined for an added one. */
    editedRule: editing === 'new' ? undefined : editing,
    closeForm: (saved: boolean) => {
      setEditing(undefined);
      reloadIf(saved);
    },
    closeConfirm: (deleted: boolean) => {
      setDeleting(undefined);
      reloadIf(deleted);
    },
  };
}

/** A rule row's Edit and Delete buttons, named after the rule for screen readers and tests. */
export function EditDeleteButtons({ name, onEdit, onDelete, editDisabled }: { name: string; onEdit: () => void; onDelete: () => void; editDisabled?: boolean }) {
  return (
    <span className="actions" style={{ margin: 0 }}>
      <RowButton label={`Edit ${name}`} disabled={editDisabled} onClick={onEdit}>
        Edit
      </RowButton>
      <RowButton danger label={`Delete ${name}`} onClick={onDelete}>
        Delete
      </RowButton>
    </span>
  );
}
