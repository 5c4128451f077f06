import { useAsync } from '../../components/useAsync';
import { useApi } from '../../session';
import type { Group } from './types';

/** How many group names the pickers offer; the input takes any name typed. */
const OFFERED = 500;

/** A datalist of group names for the inputs that name a group (list={id}). */
export function GroupNames({ id }: { id: string }) {
  const api = useApi();
  const names = useAsync(
    () => api.get<{ groups: Group[] }>('/v1/group', { s_name: 'asc', limit: OFFERED }).then((a) => a.groups.map((g) => g.name)),
    [api],
  );
  return (
    <datalist id={id}>
      {(names.data ?? []).map((n) => (
        <option key={n} value={n} />
      ))}
    </datalist>
  );
}
