import type { PageProps } from '../routes';

export default function Configuration(_: PageProps) {
  return <p>Configuration: not built yet.</p>;
}
