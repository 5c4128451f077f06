import { useCallback, useState } from 'react';
import { listQuery, pageOf, type Page, type PageRequest } from '../../api/listQuery';
import { useApi } from '../../session';

export interface AssignableRoles {
  global: string[];
  domain: string[];
}

type WithRoles = { global_roles?: string[]; domain_roles?: string[] };

/**
 * A controller-paged list whose answer also names the roles that may be given (users, API keys): the page for the
 * table, and the roles of the last answer for the dialogs.
 */
export function useListWithRoles<T>(path: string, key: string) {
  const api = useApi();
  const [roles, setRoles] = useState<AssignableRoles>({ global: [], domain: [] });
  const fetchPage = useCallback(
    async (page: PageRequest): Promise<Page<T>> => {
      const data = await api.get<WithRoles & Record<string, unknown>>(path, listQuery(page));
      setRoles({ global: data.global_roles ?? [], domain: data.domain_roles ?? [] });
      return pageOf(data[key] as T[] | undefined, page);
    },
    [api, path, key],
  );
  return { roles, fetchPage };
}
