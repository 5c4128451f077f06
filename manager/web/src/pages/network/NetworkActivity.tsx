import type { PageProps } from '../routes';

export default function NetworkActivity(_: PageProps) {
  return <p>Network activity: not built yet.</p>;
}
