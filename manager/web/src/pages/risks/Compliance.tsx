import { useCallback } from 'react';
import { listQuery, type PageRequest } from '../../api/listQuery';
import type { Api } from '../../api/client';
import { SeverityBadge } from '../../components/Badges';
import { DataTable, type Column } from '../../components/DataTable';
import { AsyncView } from '../../components/States';
import { useAsync } from '../../components/useAsync';
import { Link } from '../../router';
import { useApi } from '../../session';
import type { Registry, RegistryImage } from '../assets/registry';
import type { PageProps } from '../routes';
import { pageLocally } from '../../api/localPage';
import { CHECK_LEVELS } from './ReportParts';
import type { BenchItem, ScanReport } from './scanReport';
import './risks.css';

/** At most this many image reports are read for the page; the rest are counted and named as left out. */
const MAX_IMAGES = 200;
const PARALLEL = 4;
const PASSING = ['PASS', 'INFO', 'NOTE'];

interface ImageRef {
  registry: string;
  image_id: string;
  name: string;
}

interface CheckRow extends BenchItem {
  image: ImageRef;
}

interface ImageRow extends ImageRef {
  warnings: number;
  secrets: number;
  setid: number;
}

interface Collected {
  checks: CheckRow[];
  images: ImageRow[];
  left: number;
  failed: string[];
}

/** The finished scans of every registry, one per image id (its tags named together). */
async function scannedImages(api: Api): Promise<ImageRef[]> {
  const { summarys } = await api.get<{ summarys: Registry[] }>('/v1/scan/registry');
  const byId = new Map<string, ImageRef>();
  for (const r of summarys ?? []) {
    const page = listQuery({ start: 0, limit: MAX_IMAGES, filters: [{ field: 'status', op: 'eq', value: 'finished' }] });
    const { images } = await api.get<{ images: RegistryImage[] }>(`/v1/scan/registry/${encodeURIComponent(r.name)}/images`, page);
    for (const i of images ?? []) {
      const key = `${r.name}|${i.image_id}`;
      const known = byId.get(key);
      if (known) known.name += `, ${i.repository}:${i.tag}`;
      else byId.set(key, { registry: r.name, image_id: i.image_id, name: `${i.repository}:${i.tag}` });
    }
  }
  return [...byId.values()];
}

/** Reads the reports of the images, a few at a time. */
async function collect(api: Api): Promise<Collected> {
  const all = await scannedImages(api);
  const shown = all.slice(0, MAX_IMAGES);
  const result: Collected = { checks: [], images: [], left: all.length - shown.length, failed: [] };
  let next = 0;
  const worker = async () => {
    while (next < shown.length) {
      const image = shown[next++];
      try {
        const { report } = await api.get<{ report: ScanReport }>(`/v1/scan/registry/${encodeURIComponent(image.registry)}/image/${encodeURIComponent(image.image_id)}`);
        const checks = report.checks ?? [];
        result.checks.push(...checks.map((c) => ({ ...c, image })));
        result.images.push({ ...image, warnings: checks.filter((c) => !PASSING.includes(c.level)).length, secrets: report.secrets?.length ?? 0, setid: report.setid_perms?.length ?? 0 });
      } catch {
        result.failed.push(image.name);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return result;
}

const imageLink = (i: ImageRef) => (
  <Link to="/risks/report" params={{ registry: i.registry, id: i.image_id }}>
    {i.name}
  </Link>
);

const checkField = (row: CheckRow, key: string): unknown => (key === 'image' ? row.image.name : (row as unknown as Record<string, unknown>)[key]);

const checkColumns: Column<CheckRow>[] = [
  { key: 'test_number', title: 'Check', sortable: true, filter: {} },
  { key: 'level', title: 'Level', sortable: true, filter: { op: 'eq', options: CHECK_LEVELS }, render: (c) => <SeverityBadge severity={c.level} /> },
  { key: 'catalog', title: 'Category', sortable: true, filter: {} },
  { key: 'image', title: 'Image', sortable: true, filter: {}, render: (c) => imageLink(c.image) },
  { key: 'description', title: 'Description', filter: {} },
  { key: 'remediation', title: 'Remediation' },
];

const imageColumns: Column<ImageRow>[] = [
  { key: 'name', title: 'Image', sortable: true, filter: {}, render: imageLink },
  { key: 'registry', title: 'Registry', sortable: true, filter: {} },
  { key: 'warnings', title: 'Checks not passed', sortable: true, className: 'num' },
  { key: 'secrets', title: 'Secrets', sortable: true, className: 'num' },
  { key: 'setid', title: 'Setuid files', sortable: true, className: 'num' },
];

/**
 * Security risks → Compliance: what the controller has, the image compliance checks, secrets and setuid files of
 * the registry images' scan reports. The controller serves no compliance list of its own, so the reports are read
 * here and filtered and paged here.
 */
export default function Compliance(_: PageProps) {
  const api = useApi();
  const data = useAsync(() => collect(api), [api]);
  return (
    <>
      <p className="notice spaced">
        Collected: the image compliance checks, secrets and setuid/setgid files of images scanned in registries. Not
        collected: CIS benchmarks of nodes (Docker, Kubernetes), of containers and of the platform, and the checks of
        running containers&apos; images (their runtime scans report vulnerabilities only).
      </p>
      <AsyncView value={data}>{(d) => <Tables data={d} />}</AsyncView>
    </>
  );
}

function Tables({ data }: { data: Collected }) {
  const checks = useCallback((page: PageRequest) => Promise.resolve(pageLocally(data.checks, page, checkField)), [data]);
  const images = useCallback((page: PageRequest) => Promise.resolve(pageLocally(data.images, page)), [data]);
  return (
    <>
      {data.left > 0 && <p className="notice spaced">{data.left} more images are scanned; the first {MAX_IMAGES} are shown.</p>}
      {data.failed.length > 0 && <p className="form-error spaced">Could not read the reports of: {data.failed.join(', ')}</p>}
      <h2>Checks</h2>
      <DataTable
        label="Compliance checks"
        columns={checkColumns}
        fetchPage={checks}
        rowKey={(c) => `${c.image.registry}|${c.image.image_id}|${c.catalog}|${c.test_number}`}
        empty="No compliance checks: no registry image was scanned yet."
      />
      <h2>Images</h2>
      <DataTable label="Compliance by image" columns={imageColumns} fetchPage={images} rowKey={(i) => `${i.registry}|${i.image_id}`} initialSort={{ field: 'warnings', dir: 'desc' }} empty="No registry image was scanned yet." />
    </>
  );
}
