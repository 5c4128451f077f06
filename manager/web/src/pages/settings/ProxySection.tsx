import { ConfigSection, pick } from './ConfigSection';
import { CheckField, TextField } from '../../components/Fields';
import type { Proxy, SystemConfig } from './types';

const FIELDS = ['registry_http_proxy_status', 'registry_http_proxy', 'registry_https_proxy_status', 'registry_https_proxy'] as const;
type Proxies = Pick<SystemConfig, (typeof FIELDS)[number]>;

const same = (a: Proxy, b: Proxy) => a.url === b.url && a.username === b.username && a.password === b.password;

/**
 * The proxies registries are reached through. The controller never shows a proxy's password and replaces a proxy
 * whole, so a proxy is sent only when it was edited, with the password typed here.
 */
export function ProxySection({ config, canWrite, save }: { config: SystemConfig; canWrite: boolean; save: (patch: object) => Promise<unknown> }) {
  const saved = pick(config, FIELDS);
  const send = (d: Proxies) => {
    const patch: Partial<Proxies> = { registry_http_proxy_status: d.registry_http_proxy_status, registry_https_proxy_status: d.registry_https_proxy_status };
    if (!same(d.registry_http_proxy, saved.registry_http_proxy)) patch.registry_http_proxy = d.registry_http_proxy;
    if (!same(d.registry_https_proxy, saved.registry_https_proxy)) patch.registry_https_proxy = d.registry_https_proxy;
    return save(patch);
  };
  return (
    <ConfigSection
      title="Registry proxies"
      saved={saved}
      canWrite={canWrite}
      save={send}
      description={<p className="muted">A proxy's password is never shown; it is kept unless you edit that proxy, which then takes the password typed here.</p>}
    >
      {(d, set) =>
        (['http', 'https'] as const).map((scheme) => {
          const status = `registry_${scheme}_proxy_status` as const;
          const key = `registry_${scheme}_proxy` as const;
          const proxy = d[key];
          const edit = (field: keyof Proxy) => (value: string) => set(key)({ ...proxy, [field]: value });
          const name = scheme.toUpperCase();
          return (
            <fieldset key={scheme} className="plain" aria-label={`${name} proxy`}>
              <CheckField label={`Use an ${name} proxy`} checked={d[status]} onChange={set(status)} />
              <div className="form-row">
                <TextField label={`${name} proxy URL`} type="url" value={proxy.url} onChange={edit('url')} />
                <TextField label={`${name} proxy user`} value={proxy.username} onChange={edit('username')} autoComplete="off" />
                <TextField label={`${name} proxy password`} type="password" value={proxy.password} onChange={edit('password')} autoComplete="new-password" />
              </div>
            </fieldset>
          );
        })
      }
    </ConfigSection>
  );
}
