import { listQuery } from '../../api/listQuery';
import { ModeBadge, Time } from '../../components/Badges';
import { AsyncView, Empty } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi } from '../../session';
import type { Workload } from '../assets/workload';
import type { RegistryImage } from '../assets/registry';
import type { PageProps } from '../routes';
import { ReportBody } from './ReportBody';
import type { Layer, ScanReport } from './scanReport';
import './risks.css';

/**
 * Security risks → Image report: ?registry=NAME&id=IMAGE_ID is a registry image's report by layer (the accepted
 * vulnerabilities tagged); ?id=IMAGE_ID alone, the same from the first registry that scanned it; ?workload=ID a
 * container's runtime scan, which has no layers nor compliance.
 */
export default function ImageReport({ location }: PageProps) {
  const registry = location.params.get('registry');
  const id = location.params.get('id');
  const workload = location.params.get('workload');
  if (registry && id) return <RegistryImageReport key={`${registry}|${id}`} registry={registry} id={id} />;
  if (id) return <FindRegistry key={id} id={id} />;
  if (workload) return <WorkloadReport key={workload} id={workload} />;
  return <Empty>No image named: open a report from a registry's images or a container.</Empty>;
}

/** The report of an image named by its id only (the vulnerabilities page knows no registry): the first registry that has it. */
function FindRegistry({ id }: { id: string }) {
  const api = useApi();
  const found = useAsync(async () => {
    const { summarys } = await api.get<{ summarys: { name: string }[] }>('/v1/scan/registry');
    for (const r of summarys ?? []) {
      const page = listQuery({ start: 0, limit: 1, filters: [{ field: 'image_id', op: 'eq', value: id }] });
      const { images } = await api.get<{ images: RegistryImage[] }>(`/v1/scan/registry/${encodeURIComponent(r.name)}/images`, page);
      if (images?.length) return r.name;
    }
    return '';
  }, [api, id]);
  return (
    <AsyncView value={found} isEmpty={(name) => name === ''} empty={`No registry has an image ${id}.`}>
      {(name) => <RegistryImageReport registry={name} id={id} />}
    </AsyncView>
  );
}

function RegistryImageReport({ registry, id }: { registry: string; id: string }) {
  const api = useApi();
  const base = `/v1/scan/registry/${encodeURIComponent(registry)}`;
  const data = useAsync(async () => {
    const [report, layers, images] = await Promise.all([
      api.get<{ report: ScanReport }>(`${base}/image/${encodeURIComponent(id)}`, { show: 'accepted' }),
      api.get<{ report: { layers: Layer[] } }>(`${base}/layers/${encodeURIComponent(id)}`, { show: 'accepted' }),
      api.get<{ images: RegistryImage[] }>(`${base}/images`, listQuery({ start: 0, limit: 20, filters: [{ field: 'image_id', op: 'eq', value: id }] })),
    ]);
    return { report: report.report, layers: layers.report.layers ?? [], tags: images.images ?? [] };
  }, [api, base, id]);
  return (
    <AsyncView value={data}>
      {({ report, layers, tags }) => (
        <>
          <section className="panel" aria-label="Image">
            <div className="actions">
              <h2 className="grow">{tags.length ? tags.map((t) => `${t.repository}:${t.tag}`).join(', ') : id}</h2>
              <Link to="/assets/registries" params={{ name: registry }}>
                Registry {registry}
              </Link>
            </div>
            <dl className="kv">
              <dt>Image id</dt>
              <dd className="mono">{id}</dd>
              {tags[0] && (
                <>
                  <dt>Digest</dt>
                  <dd className="mono">{tags[0].digest}</dd>
                  <dt>Base OS</dt>
                  <dd>{tags[0].base_os || '–'}</dd>
                  <dt>Size</dt>
                  <dd>{(tags[0].size / 1024 ** 2).toFixed(1)} MiB</dd>
                  <dt>Runs as root</dt>
                  <dd>{tags[0].run_as_root ? 'yes' : 'no'}</dd>
                  <dt>Scanned</dt>
                  <dd>
                    <Time value={tags[0].scanned_at} />
                  </dd>
                </>
              )}
            </dl>
            {layers.length === 0 && <p className="notice spaced">This image was scanned without its layers: turn on “Scan layers” in the registry to see each layer.</p>}
          </section>
          <ReportBody report={report} layers={layers} />
        </>
      )}
    </AsyncView>
  );
}

function WorkloadReport({ id }: { id: string }) {
  const api = useApi();
  const data = useAsync(async () => {
    const [w, r] = await Promise.all([
      api.get<{ workload: Workload }>(`/v1/workload/${encodeURIComponent(id)}`),
      api.get<{ report: ScanReport }>(`/v1/scan/workload/${encodeURIComponent(id)}`, { show: 'accepted' }),
    ]);
    return { workload: w.workload, report: r.report };
  }, [api, id]);
  return (
    <AsyncView value={data}>
      {({ workload: w, report }) => (
        <>
          <section className="panel" aria-label="Image">
            <div className="actions">
              <h2 className="grow">{w.image}</h2>
              <Link to="/assets/containers" params={{ id: w.id }}>
                Container {w.display_name || w.name}
              </Link>
            </div>
            <dl className="kv">
              <dt>Image id</dt>
              <dd className="mono">{w.image_id || '–'}</dd>
              <dt>Last scan</dt>
              <dd>
                {w.scan_summary?.status || 'never'} <Time value={w.scan_summary?.scanned_at} />
              </dd>
              <dt>Base OS</dt>
              <dd>{w.scan_summary?.base_os || '–'}</dd>
              <dt>Group mode</dt>
              <dd>
                <ModeBadge mode={w.policy_mode} />
              </dd>
            </dl>
            <p className="notice spaced">A running container&apos;s scan reports vulnerabilities and packages only: no layers, compliance checks, secrets or setuid files.</p>
          </section>
          <ReportBody report={{ ...report, vulnerabilities: report.vulnerabilities ?? [] }} />
        </>
      )}
    </AsyncView>
  );
}
